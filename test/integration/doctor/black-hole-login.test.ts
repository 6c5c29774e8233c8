/**
 * `--login` against a black-holed address: the sign-in runs alongside the checks, so the run still
 * ends within about one timeout (before, the login's timeout and the checks' added up).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { loginWithVerifier } from '../../../main/core/diagnostics/login.js';
import { byId, startFakeRegistry, tempDir, testDeps } from '../diagnostics/helpers.js';

const sockets: net.Socket[] = [];
let server: net.Server | undefined;
afterEach(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

it('doctor --login --timeout 1500 against a black hole: one timeout (not two), the login fails, the token checks skip', async () => {
  server = net.createServer((s) => { sockets.push(s); });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mcp`;
  const registry = await startFakeRegistry();
  try {
    const home = await tempDir();
    let browserOpened = false;
    const login = (target: Parameters<typeof loginWithVerifier>[0]) => loginWithVerifier(target, {
      fetch: (u, i) => fetch(u, i), now: Date.now, openBrowser: async () => { browserOpened = true; },
    }, 1500);
    const report = await runDoctor({ url, clientId: 'x', timeoutMs: 1500, login }, testDeps(home, registry.url));
    const c = byId(report.checks);
    expect(report.durationMs).toBeLessThan(2500);
    expect(browserOpened).toBe(false);
    expect(c['token.login']?.status).toBe('fail');
    expect(c['scope.tool-access']?.status).toBe('skip');
    expect(report.checks.filter((x) => x.status === 'fail').map((x) => x.id).sort()).toEqual(['net.http-scheme', 'token.login']);
  } finally {
    await registry.close();
  }
});
