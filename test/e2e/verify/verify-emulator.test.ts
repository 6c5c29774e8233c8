/**
 * The verifier against the three emulator profiles with the real Chromium login: a full
 * pass per profile, and one failing run per fault, attributed to the step that broke.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle, type Faults, type ProfileName } from '../../iam/index.js';
import { loginWithChromium } from '../../iam/login/chromium-login.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import { fetchTrustingCa } from '../../../main/core/verify/ca-fetch.js';
import { runVerify, verifyPassed } from '../../../main/core/verify/run-verify.js';
import type { VerifyDeps, VerifyOptions, VerifyResult } from '../../../main/core/verify/types.js';
import type { FetchLike } from '../../../main/core/http/exchange.js';
import { startRewriteProxy, type Rewrites } from './rewrite-proxy.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

const SCOPES = ['openid', 'profile', 'email', 'application:read'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

async function emulator(profile: ProfileName, faults: Faults = {}): Promise<EmulatorHandle> {
  const handle = await startEmulator({ profile, faults });
  cleanups.push(() => handle.close());
  return handle;
}

const chromium = (url: string, signal: AbortSignal) => loginWithChromium(url, { username: 'admin', password: '123', signal, timeoutMs: 30_000 }).then(() => undefined);
const plainFetch: FetchLike = (i, init) => fetch(i, init);

async function verify(url: string, clientId: string, extra: Partial<VerifyOptions> = {}, deps: { fetch?: FetchLike; openBrowser?: VerifyDeps['openBrowser'] } = {}): Promise<VerifyResult> {
  return runVerify({ url, clientId, scopes: SCOPES, timeoutMs: 5000, callbackTimeoutMs: 40_000, ...extra },
    { fetch: deps.fetch ?? plainFetch, now: Date.now, openBrowser: deps.openBrowser ?? chromium });
}

const step = (r: VerifyResult, id: string) => r.steps.find((s) => s.id === id);
const failedIds = (r: VerifyResult) => r.steps.filter((s) => s.status === 'fail').map((s) => s.id);

describe('verify against the IAM emulator with a Chromium login', () => {
  it.each<ProfileName>(['casdoor', 'hanzo-v1', 'spec'])('%s: every step passes', async (profile) => {
    const iam = await emulator(profile);
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(r)).toEqual([]);
    for (const id of ['discovery.authorization-server', 'redirect.loopback', 'token.exchange', 'token.refresh', 'mcp.tools-list', 'mcp.tool-call', 'scope.tool-access']) {
      expect(step(r, id)?.status, `${profile} ${id}`).toBe('pass');
    }
    expect(step(r, 'mcp.tool-call')?.evidence).toMatchObject({ tool: 'get_applications', args: { owner: iam.organization } });
    expect(JSON.stringify(r)).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
  });

  it('redirect: a strict redirect list refuses the loopback redirect -> redirect.loopback', async () => {
    const iam = await emulator('casdoor', { redirectStrict: true });
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(r)[0]).toBe('redirect.loopback');
    expect(step(r, 'redirect.loopback')?.cause).toMatch(/Redirect URI/i);
  });

  it('redirect: hanzo-v1 refuses a callback path the app does not list -> redirect.loopback', async () => {
    const iam = await emulator('hanzo-v1');
    const r = await verify(iam.mcpUrl, iam.clientId, { callbackPath: '/oauth/callback' });
    expect(failedIds(r)[0]).toBe('redirect.loopback');
    expect(step(r, 'redirect.loopback')?.cause).toMatch(/invalid redirect_uri/);
  });

  it('scope: the guide\'s scope names -> scope.tool-access names application:read', async () => {
    const iam = await emulator('casdoor');
    const r = await verify(iam.mcpUrl, iam.clientId, { scopes: ['openid', 'read:application'] });
    expect(step(r, 'scope.tool-access')?.status).toBe('fail');
    expect(step(r, 'scope.tool-access')?.cause).toMatch(/needs scope application:read/);
    expect(failedIds(r).filter((id) => !['mcp.tool-call', 'scope.tool-access'].includes(id))).toEqual([]);
  });

  it('expiry: the server clock two hours ahead -> token.expiry', async () => {
    const iam = await emulator('hanzo-v1', { clockSkew: 7200 });
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(r)[0]).toBe('token.expiry');
    expect(step(r, 'token.expiry')?.cause).toMatch(/clock|future/);
  });

  it('expiry: a 5-second token lifetime -> token.expiry', async () => {
    const iam = await emulator('casdoor', { tokenTtl: 5 });
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(r)[0]).toBe('token.expiry');
    expect(step(r, 'token.expiry')?.cause).toMatch(/lives only 5 s/);
  });

  it('refresh: the app lacks the refresh grant -> token.refresh says no refresh token', async () => {
    const iam = await emulator('casdoor', { noRefreshGrant: true });
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(step(r, 'token.refresh')?.status).toBe('warn');
    expect(step(r, 'token.refresh')?.cause).toMatch(/no refresh token/);
    expect(failedIds(r)).toEqual([]);
  });

  it('revoked: every token revoked -> token.refresh and the MCP call fail naming it', async () => {
    const iam = await emulator('casdoor', { revokeAll: true });
    const r = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(r)[0]).toBe('token.refresh');
    expect(step(r, 'token.refresh')?.cause).toMatch(/revoked/);
    expect(step(r, 'mcp.tool-call')?.cause).toMatch(/refused the access token/);
  });

  it.each<[string, Rewrites, string, RegExp]>([
    ['S256 missing', { noS256: true }, 'discovery.authorization-server', /S256/],
    ['issuer mismatch', { issuer: 'https://impostor.example.com' }, 'discovery.authorization-server', /RFC 8414 §3\.3/],
    ['state mismatch', { tamperState: true }, 'oauth.callback', /state/],
  ])('%s -> %s', async (_name, rewrites, stepId, cause) => {
    const iam = await emulator('casdoor');
    const proxy = await startRewriteProxy(iam.origin, rewrites);
    cleanups.push(() => proxy.close());
    const r = await verify(`${proxy.origin}${new URL(iam.mcpUrl).pathname}`, iam.clientId);
    expect(failedIds(r)[0]).toBe(stepId);
    expect(step(r, stepId)?.cause).toMatch(cause);
    expect(verifyPassed(r)).toBe(false);
  });

  it('no client id, DCR off (the IAM default) -> oauth.client with the exact instruction', async () => {
    const iam = await emulator('casdoor');
    const r = await runVerify({ url: iam.mcpUrl, scopes: SCOPES, timeoutMs: 5000 }, { fetch: plainFetch, now: Date.now, openBrowser: chromium });
    expect(failedIds(r)).toEqual(['oauth.client']);
    expect(step(r, 'oauth.client')?.cause).toMatch(/dynamic client registration is disabled for this organization/);
    expect(step(r, 'oauth.client')?.fix).toMatch(/Category "Agent", Type "MCP".*Client ID/);
    expect(step(r, 'oauth.client')?.fixAction).toEqual({ action: 'verify.set-client-id' });
  });

  it.each<ProfileName>(['casdoor', 'hanzo-v1'])('%s: no client id, DCR on -> registers and passes', async (profile) => {
    const iam = await emulator(profile, { dcr: true });
    const r = await runVerify({ url: iam.mcpUrl, scopes: SCOPES, timeoutMs: 5000, callbackTimeoutMs: 40_000 }, { fetch: plainFetch, now: Date.now, openBrowser: chromium });
    expect(failedIds(r)).toEqual([]);
    expect(step(r, 'oauth.client')?.evidence).toMatchObject({ note: expect.stringMatching(/registered dynamically/) });
  });

  it('TLS with an unknown CA -> mcp.probe; passes with the CA supplied', async () => {
    const iam = await emulator('casdoor', { tls: true });
    const refused = await verify(iam.mcpUrl, iam.clientId);
    expect(failedIds(refused)[0]).toBe('mcp.probe');
    expect(step(refused, 'mcp.probe')?.cause).toMatch(/UNKNOWN_CA|SELF_SIGNED|certificate/i);
    const trusting = fetchTrustingCa(iam.caPem!);
    // Chromium does not know the test CA; the same forms are driven over HTTP with the CA-aware fetch.
    // The form posts go without their Origin header: the emulator's CORS rule refuses its own
    // https://127.0.0.1 origin in TLS mode (reported to the emulator's owner).
    const noOrigin: FetchLike = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('origin');
      return trusting(input, { ...init, headers });
    };
    const httpLogin = async (url: string) => { await loginWithHttp(url, { username: 'admin', password: '123', fetch: noOrigin as typeof fetch, followCallback: true }); };
    const ok = await verify(iam.mcpUrl, iam.clientId, {}, { fetch: trusting, openBrowser: httpLogin });
    expect(failedIds(ok), JSON.stringify(ok.steps.filter((s) => s.status === "fail"))).toEqual([]);
  });
});
