/**
 * The spec reference profile: discovery, a full login -> code -> token -> refresh ->
 * MCP tools/call round trip with openid-client and the MCP SDK client, and the exact 401/403
 * challenges (RFC 6750 §3, RFC 9728 §5.1, MCP 2025-11-25 "Authorization").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSpecServer } from '../../iam/spec/server.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { HttpLoginError } from '../../iam/login/http-login.js';
import { login, loginForTokens, getJson, mcpPost, oidcConfig, startAuthorization, toolCall } from './spec-helpers.js';

const ALL = 'openid profile email offline_access application:read application:write';
let h: EmulatorHandle;
let config: client.Configuration;

beforeAll(async () => {
  h = await startSpecServer({ profile: 'spec' });
  config = await oidcConfig(h);
});
afterAll(() => h.close());

describe('spec profile discovery', () => {
  it('serves the same document at the OIDC and RFC 8414 names, S256 only', async () => {
    const oidc = await getJson(`${h.origin}/.well-known/openid-configuration`);
    const rfc8414 = await getJson(`${h.origin}/.well-known/oauth-authorization-server`);
    expect(rfc8414).toEqual(oidc);
    expect(oidc.issuer).toBe(h.issuer);
    expect(oidc.code_challenge_methods_supported).toEqual(['S256']);
    expect(oidc.scopes_supported).toEqual(expect.arrayContaining(ALL.split(' ')));
    expect(oidc.registration_endpoint).toBeUndefined();
    expect(config.serverMetadata().token_endpoint).toBe(`${h.origin}/token`);
  });

  it('serves RFC 9728 metadata at the path-suffixed and root names', async () => {
    expect(h.mcpUrl).toBe(`${h.origin}/mcp`);
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const prm = await getJson(h.origin + path);
      expect(prm).toMatchObject({ resource: h.mcpUrl, authorization_servers: [h.issuer], bearer_methods_supported: ['header'] });
      expect(prm.scopes_supported).toEqual(expect.arrayContaining(['application:read', 'application:write']));
    }
  });
});

describe('spec profile round trip', () => {
  it('logs in, exchanges the code, refreshes with rotation and calls a tool with the SDK client', async () => {
    const tokens = await loginForTokens(h, config, ALL);
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: h.issuer, aud: h.mcpUrl, sub: 'admin', client_id: h.clientId });
    expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['application:read', 'application:write']));
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    // Rotation: the used refresh token is consumed (OAuth 2.1 §4.3.1).
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });

    const mcp = new Client({ name: 'spec-profile-test', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(h.mcpUrl), {
      requestInit: { headers: { authorization: `Bearer ${refreshed.access_token}` } },
    });
    await mcp.connect(transport);
    try {
      const { tools } = await mcp.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['add_application', 'get_applications']);
      const result = await mcp.callTool({ name: 'get_applications', arguments: { owner: 'built-in' } });
      const apps = JSON.parse((result.content as { text: string }[])[0]?.text ?? '[]') as { name: string }[];
      expect(apps.map((a) => a.name)).toContain('claude-desktop-mcp');
      const added = await mcp.callTool({ name: 'add_application', arguments: { name: 'round-trip-app' } });
      expect(added.isError).toBeFalsy();
    } finally {
      await mcp.close();
    }
  });

  it('accepts a token requested without a resource parameter (defaultResource = the MCP URL)', async () => {
    const auth = await startAuthorization(config, { redirectUri: 'http://localhost:40001/callback', scope: 'openid application:read' });
    const cb = await login(auth.url);
    const tokens = await client.authorizationCodeGrant(config, cb, { pkceCodeVerifier: auth.verifier, expectedState: auth.state });
    expect(decodeJwt(tokens.access_token).aud).toBe(h.mcpUrl);
    const res = await mcpPost(h.mcpUrl, toolCall('get_applications', { owner: 'built-in' }), tokens.access_token);
    expect(res.status).toBe(200);
  });
});

describe('spec profile login forms', () => {
  const redirectUri = 'http://127.0.0.1:40002/callback';

  it('logs in the non-admin user', async () => {
    const auth = await startAuthorization(config, { redirectUri, scope: 'openid application:read', resource: h.mcpUrl });
    const cb = await login(auth.url, { username: h.users.user.username, password: h.users.user.password });
    const tokens = await client.authorizationCodeGrant(config, cb, { pkceCodeVerifier: auth.verifier, expectedState: auth.state });
    expect(decodeJwt(tokens.access_token).sub).toBe(h.users.user.username);
    expect(h.users.admin).toMatchObject({ username: 'admin', password: '123', isAdmin: true });
    expect(h.users.user.isAdmin).toBe(false);
  });

  it('shows the error on the login page for a wrong password', async () => {
    const auth = await startAuthorization(config, { redirectUri, scope: 'openid', resource: h.mcpUrl });
    const err = await login(auth.url, { password: 'wrong' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpLoginError);
    expect(err).toMatchObject({ message: 'Invalid username or password', status: 401 });
  });

  it('redirects with access_denied when consent is denied', async () => {
    const auth = await startAuthorization(config, { redirectUri, scope: 'openid', resource: h.mcpUrl });
    const cb = await login(auth.url, { decision: 'deny' });
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('state')).toBe(auth.state);
  });

  it('requires PKCE', async () => {
    const url = new URL(config.serverMetadata().authorization_endpoint ?? '');
    url.search = new URLSearchParams({ client_id: h.clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: 's' }).toString();
    const cb = await login(url);
    expect(cb.searchParams.get('error')).toBe('invalid_request');
    expect(cb.searchParams.get('error_description')).toBe('Authorization Server policy requires PKCE to be used for this request');
  });
});

describe('spec profile challenges', () => {
  const prmUrl = () => `${h.origin}/.well-known/oauth-protected-resource/mcp`;

  it('answers a missing token with 401 invalid_token and resource_metadata', async () => {
    const res = await mcpPost(h.mcpUrl, toolCall('get_applications', { owner: 'built-in' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer error="invalid_token", error_description="Missing Authorization header", resource_metadata="${prmUrl()}"`);
    expect(await res.json()).toEqual({ error: 'invalid_token', error_description: 'Missing Authorization header' });
  });

  it('answers a forged token with 401 invalid_token', async () => {
    const res = await mcpPost(h.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, 'not-a-real-token');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="Invalid access token: [^"]+", resource_metadata="[^"]+"$/);
  });

  it('answers a write tool with a read-only token with 403 insufficient_scope and scope=', async () => {
    const tokens = await loginForTokens(h, config, 'openid application:read');
    expect(decodeJwt(tokens.access_token).scope).toBe('application:read');
    const read = await mcpPost(h.mcpUrl, toolCall('get_applications', { owner: 'built-in' }), tokens.access_token);
    expect(read.status).toBe(200);
    const res = await mcpPost(h.mcpUrl, toolCall('add_application', { name: 'nope' }), tokens.access_token);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="application:write", resource_metadata="${prmUrl()}", error_description="The access token lacks application:write"`);
    expect(await res.json()).toMatchObject({ error: 'insufficient_scope' });
  });
});
