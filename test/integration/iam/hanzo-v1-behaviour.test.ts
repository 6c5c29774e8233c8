/** The hanzo-v1 profile (shape C): facts where given, MCP spec 2025-11-25 where the facts are silent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { authorizationUrl, callBody, codeFor, discover, login, postToken, rpc } from './oauth-helpers.js';

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ profile: 'hanzo-v1' });
});
afterAll(() => emulator.close());

async function authorize(params: Record<string, string>) {
  const url = new URL(`${emulator.origin}/v1/iam/oauth/authorize`);
  url.search = new URLSearchParams({ client_id: emulator.clientId, response_type: 'code', scope: 'read', state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', ...params }).toString();
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('hanzo-v1 authorize', () => {
  it('matches redirect URIs exactly except the port of http://127.0.0.1 and http://[::1]; localhost gets no exception', async () => {
    expect((await authorize({ redirect_uri: 'http://127.0.0.1:5173/callback' })).status).toBe(200);
    for (const uri of ['http://localhost:5173/callback', 'http://127.0.0.1:5173/oauth/callback', 'http://[::1]:5173/callback', 'https://127.0.0.1:5173/callback']) {
      const res = await authorize({ redirect_uri: uri });
      expect([res.status, res.text]).toEqual([400, 'authorization error: invalid redirect_uri']);
      expect(res.type).toMatch(/^text\/plain/);
    }
  });

  it('unknown client, missing PKCE and non-S256 PKCE', async () => {
    const redirect_uri = 'http://127.0.0.1:5173/callback';
    expect((await authorize({ redirect_uri, client_id: 'nobody' })).text).toBe('authorization error: unknown client_id');
    expect((await authorize({ redirect_uri, code_challenge: '' })).text).toBe('authorization error: PKCE is required for public clients');
    expect((await authorize({ redirect_uri, code_challenge_method: 'plain' })).text).toBe('authorization error: only S256 PKCE is supported');
  });

  it('the token endpoint re-checks redirect_uri (RFC 6749 §4.1.3)', async () => {
    const { code, verifier, tokenEndpoint } = await codeFor(emulator);
    const res = await postToken(tokenEndpoint, { grant_type: 'authorization_code', client_id: emulator.clientId, code, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:1/callback' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('hanzo-v1 MCP endpoint (MCP spec 2025-11-25 where the facts are silent)', () => {
  const metadata = () => `${emulator.origin}/.well-known/oauth-protected-resource/mcp`;

  it('serves RFC 9728 metadata at the root and the path-inserted name', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      expect(await (await fetch(`${emulator.origin}${path}`)).json()).toMatchObject({ resource: emulator.mcpUrl, authorization_servers: [emulator.issuer] });
    }
  });

  it('every request needs a token: 401 with resource_metadata, error="invalid_token" for a bad one', async () => {
    const none = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${metadata()}"`);
    const bad = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }, 'nope');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", .*resource_metadata="/);
    expect(bad.json?.error).toEqual({ code: -32001, message: 'Unauthorized', data: "Access token doesn't exist in database" });
    expect((await fetch(emulator.mcpUrl)).status).toBe(405);
  });

  it('negotiates the protocol version and answers insufficient scope with 403 and a scope challenge', async () => {
    const { tokens } = await login(emulator, { scope: 'openid application:read' });
    const init = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }, tokens.access_token);
    expect(init.json?.result.protocolVersion).toBe('2025-11-25');
    const old = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '1999-01-01' } }, tokens.access_token);
    expect(old.json?.result.protocolVersion).toBe('2025-11-25');
    const write = await rpc(emulator.mcpUrl, callBody('add_application', { application: { name: 'x' } }), tokens.access_token);
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="application:write", resource_metadata="${metadata()}"`);
    expect(write.json?.error.data).toEqual({ tool: 'add_application', granted_scopes: ['openid', 'application:read'], required_scope: 'application:write' });
  });

  it('lists only the five application tools', async () => {
    const { tokens } = await login(emulator, { scope: 'openid admin' });
    const list = await rpc(emulator.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, tokens.access_token);
    expect((list.json?.result.tools as { name: string }[]).map((t) => t.name)).toEqual(['get_applications', 'get_application', 'add_application', 'update_application', 'delete_application']);
  });

  it('the discovery document is under /v1/iam/oauth', async () => {
    const meta = (await discover(emulator)).serverMetadata();
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'introspection_endpoint', 'revocation_endpoint'] as const) {
      expect(meta[key]).toMatch(new RegExp(`^${emulator.origin}/v1/iam/oauth/`));
    }
    expect(meta.registration_endpoint).toBeUndefined();
    const { url } = await authorizationUrl(await discover(emulator));
    expect(url.pathname).toBe('/v1/iam/oauth/authorize');
  });
});
