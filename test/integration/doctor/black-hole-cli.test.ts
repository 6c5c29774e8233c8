/**
 * The built CLI against a black-holed address (a listening socket that never answers): the run
 * and the process both end within about one timeout, so nothing is left holding a socket open.
 * Needs `npm run build` (npm test runs it first).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../diagnostics/helpers.js';

const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  sockets.forEach((s) => s.destroy());
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

it('doctor --timeout 1000 against a black hole exits 1 within ~1 timeout', async () => {
  const server = net.createServer((s) => { sockets.push(s); });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const home = await tempDir();
  const started = Date.now();
  const child = spawn(process.execPath, [path.resolve('bin/iam-mcp-helper.js'), 'doctor', '--url', `http://127.0.0.1:${port}/api/mcp`, '--client-id', 'x', '--timeout', '1000', '--json'],
    { env: { PATH: process.env.PATH ?? '', HOME: home, MCP_REMOTE_CONFIG_DIR: path.join(home, 'mcp-auth') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (c) => { clearTimeout(kill); resolve(c); });
  });
  const took = Date.now() - started;
  expect(code).toBe(1);
  const report = JSON.parse(out) as { checks: { id: string; status: string }[] };
  expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['net.http-scheme']);
  expect(took).toBeLessThan(4000);
});
