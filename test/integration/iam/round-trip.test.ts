import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as client from 'openid-client';
import { decodeJwt, createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle, ProfileName } from '../../iam/types.js';
import { authorizationUrl, discover, login } from './oauth-helpers.js';

async function mcpClient(url: string, token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const mcp = new Client({ name: 'round-trip-test', version: '1.0.0' });
  await mcp.connect(transport);
  return mcp;
}

describe.each<[ProfileName, { token: string; mcpPath: string; expiresIn: number }]>([
  ['casdoor', { token: '/api/login/oauth/access_token', mcpPath: '/api/mcp', expiresIn: 168 * 3600 }],
  ['hanzo-v1', { token: '/v1/iam/oauth/token', mcpPath: '/mcp', expiresIn: 3600 }],
])('profile %s', (profile, expected) => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ profile });
  });
  afterAll(() => emulator.close());

  it('serves the same discovery document on both well-known names, and protected-resource metadata', async () => {
    const oidc = await (await fetch(`${emulator.origin}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
    const oauth = await (await fetch(`${emulator.origin}/.well-known/oauth-authorization-server`)).json() as Record<string, unknown>;
    expect(oauth).toEqual(oidc);
    expect(oidc.issuer).toBe(emulator.issuer);
    expect(oidc.token_endpoint).toBe(`${emulator.origin}${expected.token}`);
    expect(oidc.code_challenge_methods_supported).toEqual(['S256']);
    expect(emulator.mcpUrl).toBe(`${emulator.origin}${expected.mcpPath}`);
    const prm = await (await fetch(`${emulator.origin}/.well-known/oauth-protected-resource`)).json() as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: emulator.mcpUrl, authorization_servers: [emulator.issuer], bearer_methods_supported: ['header'] });
    const config = await discover(emulator);
    expect(config.serverMetadata().authorization_endpoint).toBe(oidc.authorization_endpoint);
  });

  it('login -> code -> token -> refresh -> MCP tools/call with openid-client and the SDK client', async () => {
    const { config, tokens } = await login(emulator, { scope: 'openid profile application:read' });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(expected.expiresIn);
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: emulator.issuer, sub: 'built-in/admin', aud: [emulator.clientId], scope: 'openid profile application:read', azp: emulator.clientId });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri ?? ''));
    await expect(jwtVerify(tokens.access_token, jwks, { issuer: emulator.issuer, algorithms: ['RS256'] })).resolves.toBeTruthy();

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    // Rotation: the old refresh token is dead.
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });

    const mcp = await mcpClient(emulator.mcpUrl, refreshed.access_token);
    try {
      const listed = await mcp.listTools();
      expect(listed.tools.map((t) => t.name).sort()).toEqual(['get_application', 'get_applications']);
      const result = await mcp.callTool({ name: 'get_applications', arguments: { owner: 'built-in' } });
      const content = result.content as { type: string; text: string }[];
      const apps = JSON.parse(content[0]?.text ?? '[]') as { name: string; category: string; type: string }[];
      expect(apps.map((a) => a.name)).toEqual(expect.arrayContaining(['claude-desktop-mcp', 'grafana', 'wiki']));
      expect(apps.find((a) => a.name === 'claude-desktop-mcp')).toMatchObject({ category: 'Agent', type: 'MCP' });
    } finally {
      await mcp.close();
    }
  });

  it('userinfo and introspection answer for the issued token; revocation kills it', async () => {
    const { config, tokens } = await login(emulator, { user: emulator.users.user, scope: 'openid read' });
    const info = await client.fetchUserInfo(config, tokens.access_token, 'built-in/alice');
    expect(info).toMatchObject({ preferred_username: 'alice', sub: 'built-in/alice' });
    const meta = config.serverMetadata();
    const introspect = async () => (await fetch(meta.introspection_endpoint ?? '', { method: 'POST', body: new URLSearchParams({ token: tokens.access_token, client_id: emulator.clientId }) })).json() as Promise<Record<string, unknown>>;
    expect(await introspect()).toMatchObject({ active: true, client_id: emulator.clientId, username: 'alice', scope: 'openid read' });
    await client.tokenRevocation(config, tokens.access_token);
    expect(await introspect()).toEqual({ active: false });
  });

  it('loginWithHttp with followCallback delivers the redirect to a loopback listener', async () => {
    let received = '';
    const listener = createServer((req, res) => {
      received = req.url ?? '';
      res.end('ok');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    try {
      const port = (listener.address() as AddressInfo).port;
      const config = await discover(emulator);
      const { url, state } = await authorizationUrl(config, { redirectUri: `http://127.0.0.1:${port}/callback` });
      const { callbackUrl } = await loginWithHttp(url.href, { ...emulator.users.admin, followCallback: true });
      expect(received).toBe(new URL(callbackUrl).pathname + new URL(callbackUrl).search);
      expect(new URL(callbackUrl).searchParams.get('state')).toBe(state);
    } finally {
      listener.close();
    }
  });
});
