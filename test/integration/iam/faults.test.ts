/** One test per fault, each showing its observable effect; most switched at run time. */
import { request } from 'node:https';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { authorizationUrl, callBody, discover, login, postToken, rpc } from './oauth-helpers.js';

let casdoor: EmulatorHandle;
let hanzo: EmulatorHandle;
beforeAll(async () => {
  [casdoor, hanzo] = await Promise.all([startEmulator({ profile: 'casdoor' }), startEmulator({ profile: 'hanzo-v1' })]);
});
afterAll(async () => {
  await Promise.all([casdoor.close(), hanzo.close()]);
});
afterEach(() => {
  casdoor.setFaults({});
  hanzo.setFaults({});
});

const appLogin = async (redirectUri: string, scope = 'read') =>
  (await fetch(`${casdoor.origin}/api/get-app-login?${new URLSearchParams({ clientId: casdoor.clientId, responseType: 'code', redirectUri, scope, state: 's' })}`)).json() as Promise<{ status: string; msg: string }>;
const preflight = () => fetch(`${casdoor.origin}/api/mcp`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });

describe('faults', () => {
  it('redirect-strict: casdoor drops its loopback exception; only exact registered URIs pass', async () => {
    expect((await appLogin('http://127.0.0.1:5000/callback')).status).toBe('ok');
    casdoor.setFaults({ redirectStrict: true });
    expect(await appLogin('http://127.0.0.1:5000/callback')).toMatchObject({ status: 'error', msg: "Redirect URI: http://127.0.0.1:5000/callback doesn't exist in the allowed Redirect URI list" });
    expect((await appLogin('http://127.0.0.1:*/callback')).status).toBe('ok');
  });

  it('redirect-list: replaces the registered URIs (hanzo-v1 then accepts a new loopback path)', async () => {
    const code = async (uri: string) => (await fetch(`${hanzo.origin}/v1/iam/oauth/authorize?${new URLSearchParams({ client_id: hanzo.clientId, response_type: 'code', redirect_uri: uri, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`)).status;
    expect(await code('http://127.0.0.1:4000/oauth/callback')).toBe(400);
    hanzo.setFaults({ redirectList: ['http://127.0.0.1/oauth/callback'] });
    expect(await code('http://127.0.0.1:4000/oauth/callback')).toBe(200);
    expect(await code('http://127.0.0.1:4000/callback')).toBe(400);
  });

  it('cors-off: no CORS headers at all', async () => {
    expect((await preflight()).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    casdoor.setFaults({ corsOff: true });
    const res = await preflight();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('cors-no-auth-header: Authorization is no longer an allowed header', async () => {
    casdoor.setFaults({ corsNoAuthHeader: true });
    const res = await preflight();
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type');
  });

  it('token-ttl: expires_in and the JWT exp follow it', async () => {
    casdoor.setFaults({ tokenTtl: 5 });
    const { tokens } = await login(casdoor);
    expect(tokens.expires_in).toBe(5);
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString()) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(5);
  });

  it('no-refresh-grant: no refresh token issued, and refreshing an old one is unsupported_grant_type', async () => {
    const { config, tokens } = await login(casdoor);
    casdoor.setFaults({ noRefreshGrant: true });
    const { tokens: fresh } = await login(casdoor);
    expect(fresh.refresh_token).toBeUndefined();
    const res = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'refresh_token', client_id: casdoor.clientId, refresh_token: tokens.refresh_token ?? '' });
    expect(res).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type: refresh_token is not supported in this application' } });
  });

  it('refresh-expires-with-access: the refresh token dies with the access token ("refresh token is expired")', async () => {
    casdoor.setFaults({ tokenTtl: 60 });
    const { config, tokens: normal } = await login(casdoor);
    casdoor.setFaults({ tokenTtl: 60, refreshExpiresWithAccess: true });
    const { tokens: short } = await login(casdoor);
    casdoor.setFaults({ tokenTtl: 60, refreshExpiresWithAccess: true, clockSkew: 120 });
    await expect(client.refreshTokenGrant(config, short.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant', error_description: 'refresh token is expired' });
    // Raw POST: openid-client itself would refuse the skewed ID token's nbf (the clock-skew effect).
    const res = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'refresh_token', client_id: casdoor.clientId, refresh_token: normal.refresh_token ?? '' });
    expect(res.status).toBe(200);
  });

  it('clock-skew: the Date header and the token timestamps move with the server clock', async () => {
    casdoor.setFaults({ clockSkew: 3600 });
    const res = await fetch(`${casdoor.origin}/.well-known/openid-configuration`);
    const skew = (Date.parse(res.headers.get('date') ?? '') - Date.now()) / 1000;
    expect(skew).toBeGreaterThan(3590);
    expect(skew).toBeLessThan(3610);
    const config = await discover(casdoor);
    const { url, verifier } = await authorizationUrl(config);
    const { callbackUrl } = await loginWithHttp(url.href, casdoor.users.admin);
    const body = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'authorization_code', client_id: casdoor.clientId, code: new URL(callbackUrl).searchParams.get('code') ?? '', code_verifier: verifier });
    const payload = JSON.parse(Buffer.from(String(body.body.access_token).split('.')[1] ?? '', 'base64url').toString()) as { iat: number };
    expect(payload.iat - Date.now() / 1000).toBeGreaterThan(3590);
  });

  it("revoke-all: every issued token \"doesn't exist in database\", refresh tokens are revoked", async () => {
    const { config, tokens } = await login(casdoor);
    expect((await rpc(casdoor.mcpUrl, callBody('get_applications', { owner: 'built-in' }), tokens.access_token)).status).toBe(200);
    casdoor.setFaults({ revokeAll: true });
    const res = await rpc(casdoor.mcpUrl, callBody('get_applications', { owner: 'built-in' }), tokens.access_token);
    expect([res.status, res.json?.error.data]).toEqual([401, "Access token doesn't exist in database"]);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error_description: 'refresh token is invalid or revoked' });
  });

  it('app-scopes: scopes outside the list get "Invalid scope"; listed custom scopes need consent once', async () => {
    casdoor.setFaults({ appScopes: ['application:read'] });
    expect(await appLogin('http://127.0.0.1:5000/callback', 'openid user:read')).toMatchObject({ status: 'error', msg: 'Invalid scope' });
    const config = await discover(casdoor);
    const { url } = await authorizationUrl(config, { scope: 'openid application:read' });
    const signIn = await fetch(url, { method: 'POST', body: new URLSearchParams({ username: 'admin', password: '123' }), redirect: 'manual' });
    const consent = await signIn.text();
    expect(consent).toContain('<button type="submit" name="decision" value="approve" id="approve">Authorize</button>');
    expect(consent).toContain('name="decision" value="deny"');
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const approved = await fetch(url, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), headers: { cookie }, redirect: 'manual' });
    expect(approved.status).toBe(302);
    expect(new URL(approved.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const again = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    expect(again.status).toBe(302);
    const { url: other } = await authorizationUrl(config, { scope: 'openid application:read', user: casdoor.users.user });
    const aliceIn = await fetch(other, { method: 'POST', body: new URLSearchParams({ username: 'alice', password: 'alice-pass' }), redirect: 'manual' });
    const aliceCookie = (aliceIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await aliceIn.text()).toContain('id="approve"');
    const denied = await fetch(other, { method: 'POST', body: new URLSearchParams({ decision: 'deny' }), headers: { cookie: aliceCookie }, redirect: 'manual' });
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('mcp-path: the endpoint moves and the old path answers 404', async () => {
    casdoor.setFaults({ mcpPath: '/api/v2/mcp' });
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} };
    expect((await rpc(casdoor.mcpUrl, init)).status).toBe(404);
    expect((await rpc(`${casdoor.origin}/api/v2/mcp`, init)).json?.result.protocolVersion).toBe('2024-11-05');
    expect(await (await fetch(`${casdoor.origin}/.well-known/oauth-protected-resource`)).json()).toMatchObject({ resource: `${casdoor.origin}/api/v2/mcp` });
  });

  it('tls: serves HTTPS with a certificate from a generated CA, handed over as caPem', async () => {
    const secure = await startEmulator({ profile: 'hanzo-v1', faults: { tls: true } });
    try {
      expect(secure.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(secure.caPem).toMatch(/BEGIN CERTIFICATE/);
      const get = (ca?: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
        request(`${secure.origin}/.well-known/openid-configuration`, ca ? { ca } : {}, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject).end();
      });
      const ok = await get(secure.caPem);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ issuer: secure.origin });
      await expect(get()).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    } finally {
      await secure.close();
    }
  });

  it('slow: every response waits the given milliseconds', async () => {
    casdoor.setFaults({ slow: 300 });
    const started = Date.now();
    await (await fetch(`${casdoor.origin}/.well-known/jwks`)).json();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('dcr=on|off: registration is refused with the facts text when off, registers a usable client when on', async () => {
    const register = () => fetch(`${casdoor.origin}/api/oauth/register?organization=built-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'dcr test', redirect_uris: ['http://127.0.0.1:9999/cb'] }) });
    const off = await register();
    expect([off.status, await off.json()]).toEqual([403, { error: 'access_denied', error_description: 'dynamic client registration is disabled for this organization' }]);
    casdoor.setFaults({ dcr: true });
    const on = await register();
    expect(on.status).toBe(201);
    const { client_id: clientId } = await on.json() as { client_id: string };
    const config = await client.discovery(new URL(casdoor.issuer), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
    const { url, verifier, state } = await authorizationUrl(config, { redirectUri: 'http://127.0.0.1:9999/cb' });
    const { callbackUrl } = await loginWithHttp(url.href, casdoor.users.admin);
    const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()?.aud).toBe(clientId);
  });
});
