/**
 * The MCP SDK's own OAuth client (what mcp-remote builds on) against each profile: 401 ->
 * resource_metadata -> authorization-server metadata -> authorize (through the HTML forms) ->
 * token (with RFC 8707 `resource`) -> tools/call.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle, ProfileName } from '../../iam/types.js';

class MemoryProvider implements OAuthClientProvider {
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  constructor(private readonly clientId: string, private readonly scope: string) {}
  get redirectUrl() {
    return 'http://127.0.0.1:33418/callback';
  }
  get clientMetadata() {
    return { redirect_uris: [this.redirectUrl], client_name: 'sdk-auth-test', scope: this.scope, token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return { client_id: this.clientId };
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

describe.each<ProfileName>(['casdoor', 'hanzo-v1'])('MCP SDK OAuth client against %s', (profile) => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ profile });
  });
  afterAll(() => emulator.close());

  it('authorizes on a 401 and then calls a tool', async () => {
    const provider = new MemoryProvider(emulator.clientId, 'openid application:read');
    const transport = new StreamableHTTPClientTransport(new URL(emulator.mcpUrl), { authProvider: provider });
    const mcp = new Client({ name: 'sdk-auth-test', version: '1.0.0' });
    const call = () => mcp.callTool({ name: 'get_applications', arguments: { owner: 'built-in' } });
    if (profile === 'casdoor') {
      await mcp.connect(transport); // casdoor: initialize needs no token (docs/iam-facts.md)
      await expect(call()).rejects.toBeInstanceOf(UnauthorizedError);
    } else {
      await expect(mcp.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    }
    const authUrl = provider.authorizationUrl;
    expect(authUrl?.searchParams.get('resource')).toBe(emulator.mcpUrl);
    const { callbackUrl } = await loginWithHttp(authUrl?.href ?? '', emulator.users.admin);
    await transport.finishAuth(new URL(callbackUrl).searchParams.get('code') ?? '');
    expect(decodeJwt(provider.saved?.access_token ?? '').aud).toEqual([emulator.mcpUrl]);
    const again = new Client({ name: 'sdk-auth-test', version: '1.0.0' });
    await again.connect(new StreamableHTTPClientTransport(new URL(emulator.mcpUrl), { authProvider: provider }));
    try {
      const result = await again.callTool({ name: 'get_applications', arguments: { owner: 'built-in' } });
      expect(JSON.stringify(result.content)).toContain('claude-desktop-mcp');
    } finally {
      await again.close();
      await mcp.close();
    }
  });
});
