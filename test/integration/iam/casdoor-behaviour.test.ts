/** The casdoor profile against docs/iam-facts.md, error strings verbatim. */
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { authorizationUrl, callBody, codeFor, discover, login, postToken, rpc } from './oauth-helpers.js';

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ profile: 'casdoor' });
});
afterAll(() => emulator.close());

const appLogin = async (redirectUri: string) =>
  (await fetch(`${emulator.origin}/api/get-app-login?${new URLSearchParams({ clientId: emulator.clientId, responseType: 'code', redirectUri, scope: 'read', state: 's' })}`)).json() as Promise<{ status: string; msg: string }>;

describe('casdoor redirect check', () => {
  it('accepts any http(s) localhost / http 127.0.0.1 redirect, any port and path, regardless of the list', async () => {
    for (const uri of ['http://localhost:33418/oauth/callback', 'https://localhost/x', 'http://127.0.0.1:9/anything']) {
      expect(await appLogin(uri)).toMatchObject({ status: 'ok' });
    }
  });

  it('refuses [::1] and remote URIs with the exact message, on get-app-login and on the login page', async () => {
    for (const uri of ['http://[::1]:5000/callback', 'https://app.example.com/callback']) {
      expect(await appLogin(uri)).toEqual({ status: 'error', msg: `Redirect URI: ${uri} doesn't exist in the allowed Redirect URI list`, data: null });
    }
    const config = await discover(emulator);
    const { url } = await authorizationUrl(config, { redirectUri: 'https://app.example.com/cb?a=<b>' });
    const page = await (await fetch(url)).text();
    expect(page).toContain('<p class="error" id="error">Redirect URI: https://app.example.com/cb?a=&lt;b&gt; doesn&#39;t exist in the allowed Redirect URI list</p>');
    await expect(loginWithHttp(url.href, emulator.users.admin)).rejects.toThrow("Redirect URI: https://app.example.com/cb?a=<b> doesn't exist in the allowed Redirect URI list");
  });
});

describe('casdoor sign-in', () => {
  it('rejects a wrong password, a forbidden user and a non-S256 challenge method', async () => {
    const config = await discover(emulator);
    const { url } = await authorizationUrl(config);
    await expect(loginWithHttp(url.href, { username: 'admin', password: 'nope' })).rejects.toThrow('password or code is incorrect');
    await expect(loginWithHttp(url.href, { username: 'mallory', password: 'mallory-pass' })).rejects.toThrow('The user is forbidden to sign in, please contact the administrator');
    const { url: plain } = await authorizationUrl(config, { extra: { code_challenge_method: 'plain' } });
    await expect(loginWithHttp(plain.href, emulator.users.admin)).rejects.toThrow('Challenge method should be S256');
    const { url: noChallenge } = await authorizationUrl(config, { extra: { code_challenge: '', code_challenge_method: 'plain' } });
    await expect(loginWithHttp(noChallenge.href, emulator.users.admin)).rejects.toThrow('Challenge method should be S256');
  });

  it('a challenge without a method is accepted at sign-in and checked as S256 at the token endpoint (a "plain" client fails there)', async () => {
    const config = await discover(emulator);
    const verifier = 'p'.repeat(43);
    const { url } = await authorizationUrl(config, { extra: { code_challenge: verifier, code_challenge_method: '' } });
    url.searchParams.delete('code_challenge_method');
    const { callbackUrl } = await loginWithHttp(url.href, emulator.users.admin);
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    const res = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'authorization_code', client_id: emulator.clientId, code, code_verifier: verifier });
    expect([res.status, res.body.error, String(res.body.error_description)]).toEqual([400, 'invalid_grant', expect.stringMatching(/^verifier is invalid, /)]);
  });

  it('a signed-in session skips the login form, but not the challenge-method check', async () => {
    const config = await discover(emulator);
    const { url } = await authorizationUrl(config);
    const signIn = await fetch(url, { method: 'POST', body: new URLSearchParams({ username: 'admin', password: '123' }), redirect: 'manual' });
    expect(signIn.status).toBe(302);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { url: next } = await authorizationUrl(config);
    expect((await fetch(next, { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    const { url: plain } = await authorizationUrl(config, { extra: { code_challenge_method: 'plain' } });
    expect(await (await fetch(plain, { headers: { cookie }, redirect: 'manual' })).text()).toContain('<p class="error" id="error">Challenge method should be S256</p>');
  });
});

describe('casdoor token endpoint errors', () => {
  it('wrong verifier, unknown code, reused code', async () => {
    const { code, verifier, tokenEndpoint } = await codeFor(emulator);
    const base = { grant_type: 'authorization_code', client_id: emulator.clientId, redirect_uri: 'http://127.0.0.1:1/other' };
    const bad = await postToken(tokenEndpoint, { ...base, code, code_verifier: `${verifier}x` });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_grant');
    expect(String(bad.body.error_description)).toMatch(/^verifier is invalid, /);
    expect(await postToken(tokenEndpoint, { ...base, code: 'no-such-code', code_verifier: verifier })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'authorization code: [no-such-code] is invalid' } });
    // The token endpoint does not re-check redirect_uri (docs/iam-facts.md): a different one still succeeds.
    const ok = await postToken(tokenEndpoint, { ...base, code, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    const reused = await postToken(tokenEndpoint, { ...base, code, code_verifier: verifier });
    expect(reused.status).toBe(400);
    expect(String(reused.body.error_description)).toMatch(/^authorization code has been used for token: \[.+\]$/);
  });

  it('no PKCE and no secret is HTTP 401 invalid_client', async () => {
    const config = await discover(emulator);
    const url = new URL(config.serverMetadata().authorization_endpoint ?? '');
    url.search = new URLSearchParams({ client_id: emulator.clientId, response_type: 'code', redirect_uri: 'http://127.0.0.1:7/callback', scope: 'read', state: 'st' }).toString();
    const { callbackUrl } = await loginWithHttp(url.href, emulator.users.admin);
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    const res = await postToken(config.serverMetadata().token_endpoint ?? '', { grant_type: 'authorization_code', client_id: emulator.clientId, code });
    expect(res).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'client_secret is invalid for application: admin/claude-desktop-mcp' } });
  });

  it('codes expire after 5 minutes', async () => {
    const { code, verifier, tokenEndpoint } = await codeFor(emulator);
    emulator.setFaults({ clockSkew: 301 });
    try {
      const res = await postToken(tokenEndpoint, { grant_type: 'authorization_code', client_id: emulator.clientId, code, code_verifier: verifier });
      expect(res).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'authorization code has expired' } });
    } finally {
      emulator.setFaults({});
    }
  });
});

describe('casdoor MCP endpoint', () => {
  it('initialize, notifications and tools/list need no token', async () => {
    const init = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    expect(init.status).toBe(200);
    expect(init.json?.result.protocolVersion).toBe('2024-11-05');
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const note = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect([note.status, note.text]).toEqual([202, '']);
    const list = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((list.json?.result.tools as { name: string }[]).map((t) => t.name)).toEqual([
      'get_applications', 'get_application', 'add_application', 'update_application', 'delete_application', 'get_users', 'get_user', 'add_user', 'update_user', 'delete_user',
    ]);
  });

  it('tools/list with a token lists only the tools its scopes permit (docs/iam-facts.md)', async () => {
    const { tokens } = await login(emulator, { scope: 'openid application:read' });
    const list = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 3, method: 'tools/list' }, tokens.access_token);
    expect((list.json?.result.tools as { name: string }[]).map((t) => t.name)).toEqual(['get_applications', 'get_application']);
    const { tokens: write } = await login(emulator, { scope: 'openid write' });
    const writes = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 4, method: 'tools/list' }, write.access_token);
    expect((writes.json?.result.tools as { name: string }[]).map((t) => t.name)).toEqual(['add_application', 'update_application', 'delete_application', 'add_user', 'update_user', 'delete_user']);
  });

  it('tools/call without or with a bad token: 401, exact challenge, -32001 body, no CORS headers', async () => {
    const challenge = `Bearer realm="iam", resource_metadata="${emulator.origin}/.well-known/oauth-protected-resource"`;
    const none = await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), undefined, { origin: 'http://localhost:5173' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(challenge);
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    expect(none.json).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'Unauthorized', data: 'Unauthorized operation' } });
    const bad = await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), 'not-a-token');
    expect(bad.json?.error.data).toBe("Access token doesn't exist in database");
  });

  it("the guide's scope names get HTTP 200 insufficient_scope with {tool, granted_scopes, required_scope}", async () => {
    const { tokens } = await login(emulator, { scope: 'openid read:application write:application' });
    const res = await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(res.json?.error).toEqual({ code: -32001, message: 'insufficient_scope', data: { tool: 'get_applications', granted_scopes: ['openid', 'read:application', 'write:application'], required_scope: 'application:read' } });
  });

  it('write tools need a write scope and an admin user; the admin shortcut covers everything', async () => {
    const { tokens: admin } = await login(emulator, { scope: 'openid admin' });
    const add = await rpc(emulator.mcpUrl, callBody('add_application', { application: { owner: 'admin', name: 'new-app' } }), admin.access_token);
    expect(JSON.parse(add.json?.result.content[0].text as string)).toMatchObject({ status: 'ok', data: 'Affected' });
    const got = await rpc(emulator.mcpUrl, callBody('get_application', { id: 'admin/new-app' }), admin.access_token);
    expect(JSON.parse(got.json?.result.content[0].text as string)).toMatchObject({ name: 'new-app' });
    const { tokens: alice } = await login(emulator, { scope: 'openid write', user: emulator.users.user });
    const denied = await rpc(emulator.mcpUrl, callBody('delete_application', { application: { owner: 'admin', name: 'new-app' } }), alice.access_token);
    expect(denied.json?.result).toEqual({ content: [{ type: 'text', text: 'Unauthorized operation' }], isError: true });
  });

  it('a user forbidden after sign-in: "The user is forbidden to sign in, please contact the administrator"', async () => {
    const { tokens: admin } = await login(emulator, { scope: 'openid admin' });
    const { tokens: alice } = await login(emulator, { scope: 'openid read', user: emulator.users.user });
    const setForbidden = (isForbidden: boolean) => rpc(emulator.mcpUrl, callBody('update_user', { id: 'built-in/alice', user: { isForbidden } }), admin.access_token);
    await setForbidden(true);
    try {
      const res = await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), alice.access_token);
      expect([res.status, res.json?.error.data]).toEqual([401, 'The user is forbidden to sign in, please contact the administrator']);
    } finally {
      await setForbidden(false);
    }
    expect((await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), alice.access_token)).status).toBe(200);
  });

  it('expired tokens: "Access token has expired, expireTime = <time>"', async () => {
    emulator.setFaults({ tokenTtl: 60 });
    try {
      const { tokens } = await login(emulator);
      emulator.setFaults({ tokenTtl: 60, clockSkew: 120 });
      const res = await rpc(emulator.mcpUrl, callBody('get_applications', { owner: 'built-in' }), tokens.access_token);
      expect(res.status).toBe(401);
      expect(res.json?.error.data).toMatch(/^Access token has expired, expireTime = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    } finally {
      emulator.setFaults({});
    }
  });
});

describe('casdoor CORS', () => {
  it('echoes localhost and 127.0.0.1 origins, refuses others with 403; the token endpoint allows any origin', async () => {
    const pre = (path: string, origin: string) => fetch(`${emulator.origin}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const local = await pre('/api/mcp', 'http://127.0.0.1:6274');
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:6274');
    expect(local.headers.get('access-control-allow-methods')).toBe('POST, GET, OPTIONS, DELETE');
    expect(local.headers.get('access-control-allow-headers')).toBe('Content-Type, Authorization');
    expect(local.headers.get('access-control-allow-credentials')).toBe('true');
    expect(local.headers.get('access-control-expose-headers')).toBeNull();
    expect((await pre('/api/mcp', 'https://evil.example')).status).toBe(403);
    // The server's own host (any scheme/port) is its frontend: allowed, as Casdoor's CorsFilter does.
    const own = `https://${new URL(emulator.origin).hostname}:1`;
    expect((await pre('/api/mcp', own)).headers.get('access-control-allow-origin')).toBe(own);
    const registered = await pre('/.well-known/openid-configuration', 'https://grafana.example.com');
    expect(registered.headers.get('access-control-allow-origin')).toBe('https://grafana.example.com');
    const token = await pre('/api/login/oauth/access_token', 'https://evil.example');
    expect(token.headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });
});

describe('casdoor discovery', () => {
  it('builds the document from the request host (a client that says localhost sees a localhost issuer)', async () => {
    const port = new URL(emulator.origin).port;
    const body = await new Promise<string>((resolve, reject) => {
      get(`${emulator.origin}/.well-known/oauth-authorization-server`, { headers: { host: `localhost:${port}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ issuer: `http://localhost:${port}`, token_endpoint: `http://localhost:${port}/api/login/oauth/access_token`, jwks_uri: `http://localhost:${port}/.well-known/jwks`, introspection_endpoint: `http://localhost:${port}/api/login/oauth/introspect`, registration_endpoint: `http://localhost:${port}/api/oauth/register`, userinfo_endpoint: `http://localhost:${port}/api/userinfo` });
  });

  it('honours shape B: /v1/iam/X is /api/X', async () => {
    const res = await rpc(`${emulator.origin}/v1/iam/mcp`, { jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(res.json).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });
});
