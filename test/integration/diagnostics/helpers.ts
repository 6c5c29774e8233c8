/** Shared fixtures for the doctor's tests: temp dirs, a fake npm registry on 127.0.0.1, real deps. */
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import type { DoctorDeps } from '../../../main/core/diagnostics/types.js';
import type { CheckResult } from '../../../main/contract/check.js';

export interface FakeRegistry { url: string; hits: string[]; close(): Promise<void> }

/** Serves `mcp-remote` (versions 0.15.1, 0.1.0); everything else is 404, like registry.npmjs.org. */
export async function startFakeRegistry(opts: { failWith?: number } = {}): Promise<FakeRegistry> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(decodeURIComponent(req.url ?? ''));
    if (opts.failWith) { res.writeHead(opts.failWith); return res.end('oops'); }
    if (req.url === '/mcp-remote') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ name: 'mcp-remote', 'dist-tags': { latest: '0.15.1' }, versions: { '0.15.1': {}, '0.1.0': {} } }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'doctor-test-'));
}

/** A bin dir holding `npx` and a `node` that reports `nodeVersion` (so the PATH check is real). */
export async function fakeBin(dir: string, nodeVersion = 'v20.20.2'): Promise<string> {
  const bin = path.join(dir, 'bin');
  await fs.mkdir(bin, { recursive: true });
  await fs.writeFile(path.join(bin, 'npx'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  await fs.writeFile(path.join(bin, 'node'), `#!/bin/sh\necho ${nodeVersion}\n`, { mode: 0o755 });
  return bin;
}

export function testDeps(home: string, registryUrl: string, over: Partial<DoctorDeps> = {}): DoctorDeps {
  const env = { PATH: path.join(home, 'bin') };
  return { ...nodeDeps({ env, platform: 'linux', homedir: home }), registryUrl, listProcesses: async () => [], ...over };
}

export async function writeConfig(dir: string, servers: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, 'claude_desktop_config.json');
  await fs.writeFile(file, JSON.stringify({ mcpServers: servers }, null, 2));
  return file;
}

export function mcpRemoteEntry(url: string, clientId: string, scopes: string, port = 33418): Record<string, unknown> {
  return { command: 'npx', args: ['-y', 'mcp-remote@0.15.1', url, String(port), '--host', '127.0.0.1', '--callback-path', '/callback',
    '--static-oauth-client-info', JSON.stringify({ client_id: clientId }), '--static-oauth-client-metadata', JSON.stringify({ scope: scopes })] };
}

export function byId(checks: CheckResult[]): Record<string, CheckResult> {
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}

export function failures(checks: CheckResult[]): string[] {
  return checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

/** A signed JWT (HS256, test key) expiring in `expInS` seconds. */
export async function jwt(claims: Record<string, unknown>, expInS = 3600): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expInS)
    .sign(new TextEncoder().encode('doctor-test-key-doctor-test-key!'));
}
