/**
 * Review findings on the verifier, each pinned against the Casdoor-shaped fake IAM:
 * RFC 9728 §3.3 resource check as strict as the bridge's, --timeout bounding openid-client's
 * requests (its own default is 30 s), refresh rotation for public clients (OAuth 2.1 §4.3.1).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessBrowser } from '../../../main/core/verify/browser.js';
import { runVerify } from '../../../main/core/verify/run-verify.js';
import type { VerifyResult } from '../../../main/core/verify/types.js';
import { startFakeIam, type FakeFaults, type FakeIam } from './fake-iam.js';

let iam: FakeIam | undefined;
afterEach(async () => { await iam?.close(); iam = undefined; });

const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
const step = (r: VerifyResult, id: string) => r.steps.find((s) => s.id === id);
const failed = (r: VerifyResult) => r.steps.filter((s) => s.status === 'fail').map((s) => s.id);

async function verify(faults: FakeFaults, timeoutMs = 5000): Promise<VerifyResult> {
  iam = await startFakeIam(faults);
  return runVerify({ url: iam.mcpUrl, clientId: iam.clientId, scopes: ['openid', 'application:read'], timeoutMs, callbackTimeoutMs: 5000 },
    { fetch, now: Date.now, openBrowser: headlessBrowser(fetch, timeoutMs) });
}

describe('verifier review findings', () => {
  it('RFC 9728 §3.3: metadata for another resource fails discovery (mcp-remote refuses it too)', async () => {
    let opened = 0;
    iam = await startFakeIam({ prmResourcePath: '/other/mcp' });
    const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, timeoutMs: 5000, callbackTimeoutMs: 2000 }, { fetch, now: Date.now, openBrowser: async () => { opened++; } });
    expect(failed(r)[0]).toBe('discovery.protected-resource');
    expect(step(r, 'discovery.protected-resource')?.cause).toMatch(/RFC 9728 §3\.3/);
    expect(step(r, 'oauth.authorize')?.status).toBe('skip');
    expect(opened).toBe(0);
  });

  it('a resource that is the MCP URL\'s origin is accepted as the MCP SDK accepts it, with a warning that the bridge sends it as resource', async () => {
    const r = await verify({ prmResourcePath: '' });
    expect(step(r, 'discovery.protected-resource')?.status).toBe('warn');
    expect(step(r, 'discovery.protected-resource')?.cause).toMatch(/bridge \(MCP SDK\) sends resource=http:\/\/127\.0\.0\.1:\d+,/);
    expect(failed(r)).toEqual([]);
  });

  it('a token the MCP server does not know gets the fix its Casdoor error names', async () => {
    const r = await verify({ revoked: true });
    expect(failed(r)[0]).toBe('mcp.tool-call');
    expect(step(r, 'mcp.tool-call')?.fix).toMatch(/revoked/);
  });

  it('a plain-HTTP token endpoint on another host fails discovery before the sign-in, not the exchange after it', async () => {
    let opened = 0;
    iam = await startFakeIam({ tokenEndpoint: 'http://iam.example.test:8000/api/login/oauth/access_token' });
    const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, timeoutMs: 5000, callbackTimeoutMs: 2000 }, { fetch, now: Date.now, openBrowser: async () => { opened++; } });
    expect(failed(r)[0]).toBe('discovery.authorization-server');
    expect(step(r, 'discovery.authorization-server')?.cause).toMatch(/plain HTTP.*iam\.example\.test.*HTTPS/);
    expect(opened).toBe(0);
  });

  it.each<[string, FakeFaults, RegExp]>([
    ['a replayed nonce', { idTokenNonce: 'someone-elses-nonce' }, /nonce/],
    ['another audience', { idTokenAudience: 'another-client' }, /aud/],
  ])('an ID token with %s fails token.exchange (openid-client validation)', async (_name, faults, detail) => {
    const r = await verify(faults);
    expect(failed(r)[0]).toBe('token.exchange');
    expect(step(r, 'token.exchange')?.cause).toMatch(/does not validate/);
    expect(JSON.stringify(step(r, 'token.exchange'))).toMatch(detail);
  });

  it('a black-holed revocation endpoint costs one --timeout, not one per token, and is a warning', async () => {
    const started = Date.now();
    const r = await verify({ revocationBlackHole: true }, 700);
    const revoke = step(r, 'cleanup.revoke');
    expect(revoke?.status).toBe('warn');
    const outcomes = revoke?.evidence.outcomes as { error?: string }[];
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    expect(outcomes[0]?.error).toMatch(/no answer within 700 ms/);
    expect(outcomes.slice(1).every((o) => /not tried/.test(o.error ?? ''))).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  }, 20_000);

  it('an introspected opaque token lacking only the OpenID Connect scopes is not short of scopes', async () => {
    const r = await verify({ opaque: true, introspectionResourceScopes: true });
    expect(step(r, 'token.inspect')?.status).toBe('pass');
    expect((step(r, 'token.inspect')?.evidence.introspection as { scope?: string }).scope).toBe('application:read');
  });

  it('a black-holed token endpoint fails token.exchange within --timeout, not openid-client\'s 30 s', async () => {
    const started = Date.now();
    const r = await verify({ tokenBlackHole: true }, 800);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(failed(r)[0]).toBe('token.exchange');
    expect(step(r, 'token.exchange')?.cause).toMatch(/no answer within 800 ms/);
    expect(step(r, 'token.exchange')?.cause).not.toMatch(/refused/);
  }, 20_000);

  it('a public client whose refresh token is not rotated gets a warning (OAuth 2.1 §4.3.1)', async () => {
    const r = await verify({ noRotation: true });
    expect(step(r, 'token.refresh')).toMatchObject({ status: 'warn', evidence: { rotated: false } });
    expect(step(r, 'token.refresh')?.cause).toMatch(/did not rotate/);
  });

  it('an authorization server that never answers ends discovery after one --timeout, not one per well-known URL', async () => {
    // A listener that accepts and never answers: the black hole a dead proxy makes.
    const sockets: net.Socket[] = [];
    const hole = net.createServer((s) => { sockets.push(s); });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', () => resolve()));
    const asOrigin = `http://127.0.0.1:${(hole.address() as AddressInfo).port}/tenant`;
    iam = await startFakeIam({ authorizationServer: asOrigin });
    try {
      const started = Date.now();
      const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, timeoutMs: 600 }, { fetch, now: Date.now, openBrowser: async () => undefined });
      const as = step(r, 'discovery.authorization-server');
      expect(as?.status).toBe('fail');
      expect(as?.cause).toMatch(/cannot be reached.*TIMEOUT/);
      expect((as?.evidence.attempts as unknown[]).length).toBe(1);
      expect(Date.now() - started).toBeLessThan(1800);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hole.close(() => resolve()));
    }
  }, 20_000);
});

describe('default callback port', () => {
  it("listens on the port setup writes for this URL (the bridge's redirect URI), or any free port when it is taken", async () => {
    const { defaultCallbackPort } = await import('../../../main/core/config/entry-builder.js');
    const first = await verify({});
    const port = defaultCallbackPort(iam!.mcpUrl);
    expect(step(first, 'redirect.loopback')?.evidence.redirectUri ?? step(first, 'oauth.authorize')?.evidence.redirect_uri)
      .toBe(`http://127.0.0.1:${port}/callback`);
    await iam!.close();
    iam = await startFakeIam({});
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(defaultCallbackPort(iam!.mcpUrl), '127.0.0.1', resolve));
    try {
      const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, scopes: ['openid', 'application:read'], timeoutMs: 5000, callbackTimeoutMs: 5000 },
        { fetch, now: Date.now, openBrowser: headlessBrowser(fetch, 5000) });
      expect(failed(r)).toEqual([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
