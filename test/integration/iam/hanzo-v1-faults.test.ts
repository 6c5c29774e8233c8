/**
 * Faults on the hanzo-v1 profile, where its code paths differ from casdoor's (faults.test.ts):
 * plain-text authorize errors, its own CORS policy, the 1 h default token life, the spec-style
 * MCP 401, the moved MCP path with its path-inserted RFC 9728 name, and registration under /v1/iam/oauth.
 */
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { callBody, login, postToken, rpc } from './oauth-helpers.js';

let h: EmulatorHandle;
beforeAll(async () => {
  h = await startEmulator({ profile: 'hanzo-v1' });
});
afterEach(() => h.setFaults({}));
afterAll(() => h.close());

async function authorize(redirectUri: string, scope = 'read') {
  const url = new URL(`${h.origin}/v1/iam/oauth/authorize`);
  url.search = new URLSearchParams({ client_id: h.clientId, response_type: 'code', redirect_uri: redirectUri, scope, state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).toString();
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}
const preflight = () => fetch(h.mcpUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { iat: number; exp: number };

describe('hanzo-v1 faults', () => {
  it('redirect-strict: the any-port rule for http://127.0.0.1 is gone', async () => {
    expect((await authorize('http://127.0.0.1:5173/callback')).status).toBe(200);
    h.setFaults({ redirectStrict: true });
    expect(await authorize('http://127.0.0.1:5173/callback')).toEqual({ status: 400, text: 'authorization error: invalid redirect_uri' });
  });

  it('cors-off and cors-no-auth-header change its own (MCP-aware) CORS policy', async () => {
    expect((await preflight()).headers.get('access-control-allow-headers')).toBe('Content-Type, Authorization, Mcp-Protocol-Version, Mcp-Session-Id');
    h.setFaults({ corsNoAuthHeader: true });
    expect((await preflight()).headers.get('access-control-allow-headers')).toBe('Content-Type, Mcp-Protocol-Version, Mcp-Session-Id');
    h.setFaults({ corsOff: true });
    expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('token-ttl overrides the 1 h default token life', async () => {
    const normal = (await login(h)).tokens;
    expect(normal.expires_in).toBe(3600);
    h.setFaults({ tokenTtl: 7 });
    const short = (await login(h)).tokens;
    expect(short.expires_in).toBe(7);
    expect(claims(short.access_token).exp - claims(short.access_token).iat).toBe(7);
  });

  it('no-refresh-grant and refresh-expires-with-access', async () => {
    const { config, tokens } = await login(h);
    h.setFaults({ noRefreshGrant: true });
    const refused = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'refresh_token', client_id: h.clientId, refresh_token: tokens.refresh_token ?? '' });
    expect(refused).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type: refresh_token is not supported in this application' } });
    h.setFaults({ tokenTtl: 60, refreshExpiresWithAccess: true });
    const { tokens: short } = await login(h);
    h.setFaults({ tokenTtl: 60, refreshExpiresWithAccess: true, clockSkew: 120 });
    const expired = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'refresh_token', client_id: h.clientId, refresh_token: short.refresh_token ?? '' });
    expect(expired).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is expired' } });
  });

  it('clock-skew moves the Date header; discovery still works', async () => {
    h.setFaults({ clockSkew: -3600 });
    const res = await fetch(`${h.origin}/.well-known/openid-configuration`);
    expect((Date.parse(res.headers.get('date') ?? '') - Date.now()) / 1000).toBeLessThan(-3590);
    const config = await client.discovery(new URL(h.issuer), h.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
    expect(config.serverMetadata().issuer).toBe(h.issuer);
  });

  it('revoke-all: the MCP endpoint answers 401 invalid_token "doesn\'t exist in database"', async () => {
    const { tokens } = await login(h);
    const call = () => rpc(h.mcpUrl, callBody('get_applications', { owner: 'built-in' }), tokens.access_token);
    expect((await call()).status).toBe(200);
    h.setFaults({ revokeAll: true });
    const res = await call();
    expect([res.status, res.json?.error.data]).toEqual([401, "Access token doesn't exist in database"]);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", .*resource_metadata="/);
  });

  it('app-scopes: a scope outside the list is the plain-text "authorization error: Invalid scope"', async () => {
    h.setFaults({ appScopes: ['application:read'] });
    expect(await authorize('http://127.0.0.1:5173/callback', 'openid user:read')).toEqual({ status: 400, text: 'authorization error: Invalid scope' });
    expect((await authorize('http://127.0.0.1:5173/callback', 'openid application:read')).status).toBe(200);
  });

  it('mcp-path: /mcp answers 404 and the RFC 9728 document moves to the new path-inserted name', async () => {
    h.setFaults({ mcpPath: '/v2/mcp' });
    expect((await rpc(h.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(404);
    expect((await rpc(`${h.origin}/v2/mcp`, { jsonrpc: '2.0', id: 1, method: 'ping' })).headers.get('www-authenticate'))
      .toBe(`Bearer resource_metadata="${h.origin}/.well-known/oauth-protected-resource/v2/mcp"`);
    expect(await (await fetch(`${h.origin}/.well-known/oauth-protected-resource/v2/mcp`)).json()).toMatchObject({ resource: `${h.origin}/v2/mcp` });
  });

  it('slow delays every response', async () => {
    h.setFaults({ slow: 250 });
    const started = Date.now();
    await (await fetch(`${h.origin}/.well-known/jwks`)).arrayBuffer();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('dcr: registration is listed and served under /v1/iam/oauth only when on', async () => {
    const register = () => fetch(`${h.origin}/v1/iam/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:9999/cb'] }) });
    const meta = async () => (await (await fetch(`${h.origin}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect((await meta()).registration_endpoint).toBeUndefined();
    expect((await register()).status).toBe(404);
    h.setFaults({ dcr: true });
    expect((await meta()).registration_endpoint).toBe(`${h.origin}/v1/iam/oauth/register`);
    const on = await register();
    expect(on.status).toBe(201);
    expect((await on.json() as { client_id: string }).client_id).toMatch(/^dcr-/);
  });
});
