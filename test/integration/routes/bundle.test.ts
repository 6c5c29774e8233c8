/**
 * Route C: the .mcpb `bundle` builds is valid for the official mcpb tooling, unpacks, and its
 * server, started exactly as the manifest's mcp_config says (${__dirname} and user_config
 * substituted by mcpb's own getMcpConfigForManifest) under plain `node` from a folder outside
 * the project, signs in through the emulator's real login (Chromium) and lists tools.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getMcpConfigForManifest, unpackExtension, validateManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { buildBundle } from '../../../main/core/bundle/build-bundle.js';
import { nodeBundleDeps } from '../../../main/core/bundle/node-bundle-deps.js';
import { runBridgeVerify } from '../../../main/core/mcp/bridge-run.js';
import { startEmulator, type EmulatorHandle } from '../../iam/index.js';

const PROJECT = path.resolve(import.meta.dirname, '../../..');
const LOGIN = `node ${path.join(PROJECT, 'dist/test/iam/login/cli.js')}`;

let em: EmulatorHandle;
let dir: string;
beforeAll(async () => {
  em = await startEmulator({ profile: 'casdoor' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'bundle-test-'));
});
afterAll(async () => {
  await em?.close();
  await rm(dir, { recursive: true, force: true });
});

it('builds, validates, unpacks and runs the shipped mcp-remote through a real login', async () => {
  const out = path.join(dir, 'out', 'iam.mcpb');
  const result = await buildBundle({ url: em.mcpUrl, clientId: em.clientId, scopes: 'openid profile email application:read', outputPath: out }, nodeBundleDeps(dir));
  expect(result.size).toBe((await stat(out)).size);
  expect(result.mcpRemoteVersion).toBe('0.15.1');
  process.stderr.write(`[bundle] ${result.packages} packages, ${result.size} bytes (${(result.size / 1024 / 1024).toFixed(2)} MiB)\n`);

  const unpacked = path.join(dir, 'unpacked');
  expect(await unpackExtension({ mcpbPath: out, outputDir: unpacked, silent: true })).toBe(true);
  expect(validateManifest(unpacked)).toBe(true);
  const manifest = JSON.parse(await readFile(path.join(unpacked, 'manifest.json'), 'utf8')) as McpbManifestAny;
  expect(JSON.stringify(manifest)).not.toMatch(/npx/);
  const shipped = JSON.parse(await readFile(path.join(unpacked, 'server/node_modules/mcp-remote/package.json'), 'utf8')) as { version: string };
  expect(shipped.version).toBe('0.15.1');
  await stat(path.join(unpacked, 'server/node_modules/undici/package.json'));

  const home = path.join(dir, 'home');
  // A required field counts only once the user saved it (mcpb hasRequiredConfigMissing): Claude's
  // install dialog shows client_id prefilled with the default; scopes stay at their default.
  expect(await getMcpConfigForManifest({ manifest, extensionPath: unpacked, systemDirs: { HOME: home }, userConfig: {}, pathSeparator: path.sep })).toBeUndefined();
  const config = await getMcpConfigForManifest({ manifest, extensionPath: unpacked, systemDirs: { HOME: home }, userConfig: { client_id: em.clientId }, pathSeparator: path.sep });
  expect(config).toBeDefined();
  expect(config!.command).toBe('node');
  expect(config!.args).toEqual([`${unpacked}/server/index.mjs`]);
  expect(config!.env).toMatchObject({ IAM_CLIENT_ID: em.clientId, IAM_SCOPES: 'openid profile email application:read', IAM_CALLBACK_PORT: String(result.callbackPort) });

  const report = await runBridgeVerify({
    entry: { command: config!.command, args: config!.args ?? [], env: config!.env ?? {} },
    platform: process.platform, env: { ...process.env, HOME: home }, cwd: dir, homedir: home, tmpdir: dir,
    browserCommand: LOGIN, pathMode: 'inherit', timeoutMs: 100_000,
  });
  const failing = report.steps.filter((s) => s.status === 'fail');
  expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
  expect(report.steps.find((s) => s.id === 'mcp.tools-list')?.status).toBe('pass');
  expect(report.tools).toContain('get_applications');
  const login = report.steps.find((s) => s.id === 'bridge.login')?.evidence as { redirectUri?: string };
  expect(login.redirectUri).toBe(result.redirectUris[0]);
}, 150_000);

it('an empty client ID in the extension settings stops the server with a sentence', async () => {
  const out = path.join(dir, 'out2', 'iam.mcpb');
  await buildBundle({ url: em.mcpUrl, clientId: em.clientId, outputPath: out }, nodeBundleDeps(dir));
  const unpacked = path.join(dir, 'unpacked2');
  await unpackExtension({ mcpbPath: out, outputDir: unpacked, silent: true });
  const manifest = JSON.parse(await readFile(path.join(unpacked, 'manifest.json'), 'utf8')) as McpbManifestAny;
  const config = await getMcpConfigForManifest({ manifest, extensionPath: unpacked, systemDirs: {}, userConfig: { client_id: ' ' }, pathSeparator: path.sep });
  const { execFile } = await import('node:child_process');
  const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(config!.command, config!.args ?? [], { env: { ...process.env, ...config!.env }, timeout: 20_000 }, (e, _o, stderr) => resolve({ code: child.exitCode ?? (e as { code?: number } | null)?.code ?? null, stderr }));
  });
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/Client ID is empty/);
}, 60_000);
