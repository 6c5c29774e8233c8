/**
 * Real headless Chromium through the spec profile's login and consent forms, as the
 * `iam-login` browser command: success, a callback listener that starts late, and an error page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { loginWithChromium } from '../iam/login/chromium-login.js';
import { startSpecServer } from '../iam/spec/server.js';
import type { EmulatorHandle } from '../iam/types.js';
import { oidcConfig, startAuthorization } from '../integration/iam/spec-helpers.js';
import { requireChromium } from '../helpers/chromium.js';

beforeAll(requireChromium);

let h: EmulatorHandle;
let config: client.Configuration;
beforeAll(async () => {
  h = await startSpecServer({ profile: 'spec' });
  config = await oidcConfig(h);
});
afterAll(() => h.close());

/** A one-shot loopback callback listener recording the URLs it received. */
async function listen(port = 0): Promise<{ server: http.Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  // Chromium also asks for /favicon.ico; only callback hits count.
  const server = http.createServer((req, res) => { if (req.url?.startsWith('/callback')) hits.push(req.url); res.end('done'); });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}
const close = (s: http.Server) => new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); });

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await close(server);
  return port;
}

describe('loginWithChromium', () => {
  it('logs in, consents, and reaches the redirect URI with a code the client can redeem', async () => {
    const cb = await listen();
    try {
      const auth = await startAuthorization(config, { redirectUri: `http://127.0.0.1:${cb.port}/callback`, scope: 'openid application:read', resource: h.mcpUrl });
      const { finalUrl } = await loginWithChromium(auth.url.href, { timeoutMs: 30_000 });
      expect(cb.hits).toHaveLength(1);
      expect(new URL(finalUrl).searchParams.get('state')).toBe(auth.state);
      const tokens = await client.authorizationCodeGrant(config, new URL(finalUrl), { pkceCodeVerifier: auth.verifier, expectedState: auth.state });
      expect(tokens.access_token).toBeTruthy();
    } finally {
      await close(cb.server);
    }
  });

  it('retries the final redirect until a late callback listener starts', async () => {
    const port = await freePort();
    const auth = await startAuthorization(config, { redirectUri: `http://localhost:${port}/callback`, scope: 'openid application:read', resource: h.mcpUrl });
    let late: Awaited<ReturnType<typeof listen>> | undefined;
    const timer = setTimeout(() => { void listen(port).then((l) => { late = l; }); }, 2500);
    try {
      const t = Date.now();
      const { finalUrl } = await loginWithChromium(auth.url.href, { timeoutMs: 30_000 });
      expect(Date.now() - t).toBeGreaterThanOrEqual(2000);
      expect(new URL(finalUrl).searchParams.get('code')).toBeTruthy();
      expect(late?.hits).toHaveLength(1);
    } finally {
      clearTimeout(timer);
      if (late) await close(late.server);
    }
  });

  it('stops when aborted', async () => {
    const auth = await startAuthorization(config, { redirectUri: 'http://127.0.0.1:9/callback', scope: 'openid', resource: h.mcpUrl });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by test')), 300);
    const t = Date.now();
    // Port 9 refuses: without the abort this would retry the redirect for 10 s.
    await expect(loginWithChromium(auth.url.href, { timeoutMs: 20_000, signal: controller.signal })).rejects.toThrow('stopped by test');
    expect(Date.now() - t).toBeLessThan(8000);
  });

  it('times out when the redirect URI never answers', async () => {
    const auth = await startAuthorization(config, { redirectUri: 'http://127.0.0.1:9/callback', scope: 'openid', resource: h.mcpUrl });
    const t = Date.now();
    await expect(loginWithChromium(auth.url.href, { timeoutMs: 4000 })).rejects.toThrow(/timed out/);
    expect(Date.now() - t).toBeLessThan(9000);
  });

  it('fails with the error text of an error page', async () => {
    const auth = await startAuthorization(config, { redirectUri: 'http://127.0.0.1:9/not-registered', scope: 'openid', resource: h.mcpUrl });
    await expect(loginWithChromium(auth.url.href, { timeoutMs: 20_000 })).rejects.toThrow(/invalid_redirect_uri/);
  });
});

describe('iam-login CLI', () => {
  const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['dist/test/iam/login/cli.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it('exits 0 with empty stdout on success, 1 with the error on stderr for a wrong password', async () => {
    const cb = await listen();
    try {
      const auth = await startAuthorization(config, { redirectUri: `http://127.0.0.1:${cb.port}/callback`, scope: 'openid', resource: h.mcpUrl });
      const ok = await run([auth.url.href]);
      expect(ok).toMatchObject({ code: 0, stdout: '' });
      expect(cb.hits).toHaveLength(1);
      const bad = await run([auth.url.href, '--user', 'admin', '--password', 'wrong', '--timeout', '20000']);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('Invalid username or password');
    } finally {
      await close(cb.server);
    }
  });

  it('exits 2 on bad usage', async () => {
    expect((await run([])).code).toBe(2);
  });
});
