/** Each fault the spec profile supports (test/iam/spec/README.md), one observable effect per test. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { startSpecServer } from '../../iam/spec/server.js';
import { fetchTrusting } from '../../iam/spec/tls.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { FormLoginError, formLogin, loginForTokens, getJson, mcpPost, oidcConfig, startAuthorization, toolCall } from './spec-helpers.js';

const SCOPE = 'openid offline_access application:read application:write';
const list = toolCall('get_applications', { owner: 'built-in' });
let h: EmulatorHandle;
let config: client.Configuration;

beforeAll(async () => {
  h = await startSpecServer({ profile: 'spec' });
  config = await oidcConfig(h);
});
afterEach(() => h.setFaults({}));
afterAll(() => h.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function authorizeError(redirectUri: string, scope = SCOPE): Promise<FormLoginError | URL> {
  const started = await startAuthorization(config, { redirectUri, scope, resource: h.mcpUrl });
  return formLogin(started.url, redirectUri).catch((e: FormLoginError) => e);
}

describe('spec profile faults', () => {
  it('token-ttl: access tokens live the given seconds, then the MCP server answers 401', async () => {
    // 2 s: iat is whole seconds, so a 1 s token may already be expired at its first use.
    h.setFaults({ tokenTtl: 2 });
    const tokens = await loginForTokens(h, config, SCOPE);
    const claims = decodeJwt(tokens.access_token);
    expect(tokens.expires_in).toBe(2);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(2);
    expect((await mcpPost(h.mcpUrl, list, tokens.access_token)).status).toBe(200);
    await sleep(Math.max(0, (claims.exp ?? 0) * 1000 - Date.now()) + 1100);
    const res = await mcpPost(h.mcpUrl, list, tokens.access_token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('"exp" claim timestamp check failed');
  });

  it('refresh-expires-with-access: the refresh token dies with the access token', async () => {
    h.setFaults({ tokenTtl: 1, refreshExpiresWithAccess: true });
    const tokens = await loginForTokens(h, config, SCOPE);
    await sleep(2100);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('slow: every response is delayed', async () => {
    h.setFaults({ slow: 400 });
    const t = Date.now();
    expect((await fetch(`${h.origin}/.well-known/openid-configuration`)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(390);
  });

  it('revoke-all: issued access and refresh tokens stop working', async () => {
    const tokens = await loginForTokens(h, config, SCOPE);
    expect((await mcpPost(h.mcpUrl, list, tokens.access_token)).status).toBe(200);
    h.setFaults({ revokeAll: true });
    const res = await mcpPost(h.mcpUrl, list, tokens.access_token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="Token has been revoked"');
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('no-refresh-grant: no refresh token is issued and refreshing is refused', async () => {
    const before = await loginForTokens(h, config, SCOPE);
    h.setFaults({ noRefreshGrant: true });
    const tokens = await loginForTokens(h, config, SCOPE);
    expect(tokens.refresh_token).toBeUndefined();
    // oidc-provider answers invalid_request here where RFC 6749 §5.2 suggests unauthorized_client.
    await expect(client.refreshTokenGrant(config, before.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });
  });

  it('redirect-list: only the listed redirect URIs are accepted', async () => {
    h.setFaults({ redirectList: ['http://127.0.0.1:*/oauth/callback'] });
    const refused = await authorizeError('http://127.0.0.1:41000/callback');
    expect(refused).toBeInstanceOf(FormLoginError);
    expect((refused as FormLoginError).message).toMatch(/redirect_uri/);
    expect(await authorizeError('http://127.0.0.1:41000/oauth/callback')).toBeInstanceOf(URL);
  });

  it('redirect-strict: a loopback redirect URI with a port no longer matches the port-less registration', async () => {
    expect(await authorizeError('http://127.0.0.1:41001/callback')).toBeInstanceOf(URL);
    h.setFaults({ redirectStrict: true });
    const refused = await authorizeError('http://127.0.0.1:41001/callback');
    expect(refused).toBeInstanceOf(FormLoginError);
    expect((refused as FormLoginError).message).toBe("invalid_redirect_uri: redirect_uri did not match any of the client's registered redirect_uris");
  });

  it('app-scopes: a scope outside the app list is refused with invalid_scope', async () => {
    h.setFaults({ appScopes: ['openid', 'offline_access', 'application:read'] });
    const refused = await authorizeError('http://127.0.0.1:41002/callback');
    expect(refused).toBeInstanceOf(URL);
    expect((refused as URL).searchParams.get('error')).toBe('invalid_scope');
    const ok = await authorizeError('http://127.0.0.1:41002/callback', 'openid application:read');
    expect((ok as URL).searchParams.get('code')).toBeTruthy();
  });

  it('mcp-path: the endpoint and its metadata move; the old path is 404', async () => {
    h.setFaults({ mcpPath: '/v2/mcp' });
    expect(h.mcpUrl).toBe(`${h.origin}/v2/mcp`);
    expect((await mcpPost(`${h.origin}/mcp`, list)).status).toBe(404);
    const res = await mcpPost(h.mcpUrl, list);
    expect(res.status).toBe(401);
    const prmUrl = `${h.origin}/.well-known/oauth-protected-resource/v2/mcp`;
    expect(res.headers.get('www-authenticate')).toContain(`resource_metadata="${prmUrl}"`);
    expect((await getJson(prmUrl)).resource).toBe(h.mcpUrl);
    const tokens = await loginForTokens(h, config, SCOPE);
    expect(decodeJwt(tokens.access_token).aud).toBe(h.mcpUrl);
    expect((await mcpPost(h.mcpUrl, list, tokens.access_token)).status).toBe(200);
  });

  const preflight = (url: string) => fetch(url, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

  it('cors-off: no CORS headers on the MCP endpoint, metadata or discovery', async () => {
    const on = await preflight(h.mcpUrl);
    expect(on.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(on.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    h.setFaults({ corsOff: true });
    for (const url of [h.mcpUrl, `${h.origin}/.well-known/oauth-protected-resource/mcp`, `${h.origin}/.well-known/openid-configuration`]) {
      expect((await preflight(url)).headers.get('access-control-allow-origin')).toBeNull();
    }
    const discovery = await fetch(`${h.origin}/.well-known/openid-configuration`, { headers: { origin: 'http://localhost:5173' } });
    expect(discovery.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cors-no-auth-header: the preflight does not allow Authorization', async () => {
    h.setFaults({ corsNoAuthHeader: true });
    const res = await preflight(h.mcpUrl);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-headers')).not.toMatch(/authorization/i);
  });

  it('dcr: registration is off by default and works when on', async () => {
    const reg = (): Promise<Response> => fetch(`${h.origin}/reg`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/callback'], application_type: 'native', token_endpoint_auth_method: 'none' }),
    });
    expect((await reg()).status).toBe(404);
    h.setFaults({ dcr: true });
    const doc = await getJson(`${h.origin}/.well-known/openid-configuration`);
    expect(doc.registration_endpoint).toBe(`${h.origin}/reg`);
    const res = await reg();
    expect(res.status).toBe(201);
    expect(((await res.json()) as { client_id?: string }).client_id).toBeTruthy();
  });

  it('tls: serves HTTPS with a self-signed certificate handed out as caPem', async () => {
    const t = await startSpecServer({ profile: 'spec', faults: { tls: true } });
    try {
      expect(t.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(t.mcpUrl).toBe(`${t.origin}/mcp`);
      expect(t.caPem).toContain('BEGIN CERTIFICATE');
      // Untrusted by default: the client must be handed the CA.
      await expect(fetch(`${t.origin}/.well-known/openid-configuration`)).rejects.toThrow();
      const trusting = fetchTrusting(t.caPem ?? '');
      const cfg = await oidcConfig(t, trusting);
      expect(cfg.serverMetadata().issuer).toBe(t.issuer);
      const tokens = await loginForTokens(t, cfg, SCOPE, undefined, trusting);
      expect((await mcpPost(t.mcpUrl, list, tokens.access_token, {}, trusting)).status).toBe(200);
      expect(() => t.setFaults({})).toThrow(/tls/);
    } finally {
      await t.close();
    }
  });

  it('clock-skew: the Date header and the access token times run ahead; the server still accepts its tokens', async () => {
    h.setFaults({ clockSkew: 600 });
    const res = await fetch(`${h.origin}/.well-known/openid-configuration`);
    const dateSkew = Date.parse(res.headers.get('date') ?? '') / 1000 - Date.now() / 1000;
    expect(dateSkew).toBeGreaterThan(590);
    expect(dateSkew).toBeLessThan(610);
    const tokens = await loginForTokens(h, config, SCOPE);
    const iat = decodeJwt(tokens.access_token).iat ?? 0;
    expect(iat - Date.now() / 1000).toBeGreaterThan(590);
    expect((await mcpPost(h.mcpUrl, list, tokens.access_token)).status).toBe(200);
    // Behind by two hours: by the client's clock the fresh token expired an hour ago, yet the server takes it.
    h.setFaults({ clockSkew: -7200 });
    const behind = await loginForTokens(h, config, SCOPE);
    expect(decodeJwt(behind.access_token).exp ?? Infinity).toBeLessThan(Date.now() / 1000 - 3500);
    const r2 = await mcpPost(h.mcpUrl, list, behind.access_token);
    expect(r2.status).toBe(200);
  });

  it('rejects faults the profile does not implement', () => {
    expect(() => h.setFaults({ corsOff: true, unknownFault: true } as never)).toThrow(/unknownFault/);
  });
});
