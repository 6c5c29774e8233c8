/**
 * mcp-remote@0.15.1 (the bridge Claude Desktop runs) against the emulator, with the browser step
 * done by loginWithHttp through a BROWSER script. Needs the built dist/ (npm test builds first).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle, ProfileName } from '../../iam/types.js';

const LOGIN = resolve('dist/test/iam/login/http-login.js');
const CLIENT = resolve('node_modules/mcp-remote/dist/client.js');

function runClient(url: string, dir: string, extra: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLIENT, url, ...extra, '--static-oauth-client-info', '{"client_id":"claude-desktop-mcp"}', '--static-oauth-client-metadata', '{"scope":"openid application:read"}'], {
    env: { ...process.env, MCP_REMOTE_CONFIG_DIR: join(dir, 'auth'), BROWSER: join(dir, 'browser.mjs') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((done) => child.on('exit', (code) => {
    clearTimeout(timer);
    done({ code, output });
  }));
}

describe.each<ProfileName>(['casdoor', 'hanzo-v1'])('mcp-remote-client against %s', (profile) => {
  let emulator: EmulatorHandle;
  let dir: string;
  beforeAll(async () => {
    // A missing build or bridge is a failure to see, not a reason to skip.
    for (const file of [LOGIN, CLIENT]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (and npm install)`);
    // mcp-remote's callback is http://<host>:<port>/oauth/callback, not the guide's /callback (docs/iam-facts.md).
    emulator = await startEmulator({ profile, faults: { redirectList: ['http://127.0.0.1/oauth/callback'] } });
    dir = mkdtempSync(join(tmpdir(), 'iam-mcp-remote-'));
    const script = join(dir, 'browser.mjs');
    writeFileSync(script, `#!${process.execPath}
import { appendFileSync } from 'node:fs';
import { loginWithHttp } from ${JSON.stringify(LOGIN)};
appendFileSync(${JSON.stringify(join(dir, 'urls.log'))}, process.argv[2] + '\\n');
await loginWithHttp(process.argv[2], { username: 'admin', password: '123', followCallback: true });
`);
    chmodSync(script, 0o755);
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects and lists tools (casdoor: without any sign-in; hanzo-v1: after the OAuth flow)', async () => {
    const { code, output } = await runClient(emulator.mcpUrl, dir, ['--host', '127.0.0.1']);
    expect(code, output).toBe(0);
    expect(output).toContain('Connected successfully');
    const urls = existsSync(join(dir, 'urls.log')) ? readFileSync(join(dir, 'urls.log'), 'utf8').trim().split('\n') : [];
    if (profile === 'casdoor') {
      expect(urls).toEqual([]); // initialize and tools/list need no token on Casdoor (docs/iam-facts.md)
    } else {
      expect(urls).toHaveLength(1);
      expect(new URL(urls[0] ?? '').searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    }
  });
});
