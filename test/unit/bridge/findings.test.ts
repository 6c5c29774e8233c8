/** stderr → findings, on lines as mcp-remote 0.15.1 and npm 11 print them. */
import { describe, expect, it } from 'vitest';
import { redactText } from '../../../main/core/http/redact.js';
import { authorizationUrlFromStderr, bridgeFindings, redirectUriOf } from '../../../main/core/mcp/bridge-findings.js';

const ids = (stderr: string, loginText?: string) => bridgeFindings({ stderr, ...(loginText ? { loginText } : {}) }).map((f) => `${f.id}:${f.status}`);

describe('bridgeFindings', () => {
  it('names a strict callback port in use (EADDRINUSE)', () => {
    const [f] = bridgeFindings({ stderr: '[123] Initializing auth coordination on-demand\n[123] Connection error: Error: Callback port 26691 is already in use\n' });
    expect(f?.id).toBe('bridge.callback-port');
    expect(f?.evidence.port).toBe(26691);
    expect(f?.cause).toContain('Claude Desktop is probably running this bridge');
  });

  it('names an unpinned port range that is all taken, and a sibling instance (warn)', () => {
    expect(ids('Could not find a free callback port for this server (tried 5000-5007). Close whatever')).toEqual(['bridge.callback-port:fail']);
    expect(ids('[9] Another instance is running the sign-in for this server on port 5000')).toEqual(['bridge.callback-port:warn']);
  });

  it('names npm 404 with the package, and an offline cache miss separately', () => {
    const npm404 = 'npm error code E404\nnpm error 404 Not Found - GET http://127.0.0.1:1/@modelcontextprotocol%2fserver-oauth - Not found\nnpm error 404\nnpm error 404  \'@modelcontextprotocol/server-oauth@*\' is not in this registry.\n';
    const [f] = bridgeFindings({ stderr: npm404 });
    expect(f?.id).toBe('config.bridge-package');
    expect(f?.evidence.package).toBe('@modelcontextprotocol/server-oauth');
    expect(f?.cause).toContain('does not exist on the npm registry');
    // The wording registry.npmjs.org gets from npm 11 (checked with `npm view`, 2026-11).
    const live = 'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/@modelcontextprotocol%2fserver-oauth\nnpm error 404  The requested resource \'@modelcontextprotocol/server-oauth@*\' could not be found or you do not have permission to access it.\n';
    expect(bridgeFindings({ stderr: live })[0]?.evidence.package).toBe('@modelcontextprotocol/server-oauth');
    const [g] = bridgeFindings({ stderr: 'npm error code ENOTCACHED\nnpm error request to https://registry.npmjs.org/x failed', packageSpec: 'x@1' });
    expect(g?.cause).toContain('not in the npm cache');
  });

  it('names a too-old Node', () => {
    expect(ids('npm warn EBADENGINE Unsupported engine {\nnpm warn EBADENGINE   required: { node: \'>=20\' }')).toEqual(['config.node-version:fail']);
    expect(ids('ReferenceError: fetch is not defined')).toEqual(['config.node-version:fail']);
  });

  it('names a refused redirect URI with the URI sent and the one to use', () => {
    const [f] = bridgeFindings({ stderr: '', loginText: 'authorization error: invalid redirect_uri', redirectUri: 'http://localhost:26691/oauth/callback' });
    expect(f?.id).toBe('redirect.loopback');
    expect(f?.evidence.registerable).toBe('http://127.0.0.1:26691/callback');
    expect(f?.cause).toContain('http://localhost:26691/oauth/callback');
    expect(ids('', 'Redirect URI: http://x/cb doesn\'t exist in the allowed Redirect URI list')).toEqual(['redirect.loopback:fail']);
  });

  it('names invalid_client and a failed token exchange', () => {
    expect(ids('Authorization error: ServerError: invalid_client: client_secret is invalid for application: x')).toContain('oauth.client:fail');
    expect(ids('[1] Authorization error: Error: Token exchange failed: HTTP 400')).toEqual(['token.exchange:fail']);
  });

  it('names the bridge\'s own initialize timeout', () => {
    expect(ids('[1] Remote server did not answer \'initialize\' within 30s')).toEqual(['bridge.timeout:fail']);
  });

  it('finds nothing in a healthy run', () => {
    expect(ids('[1] Connected to remote server using StreamableHTTPClientTransport\n[1] Local STDIO server running\n')).toEqual([]);
  });

  it('reads the printed authorization URL and its redirect_uri; masks secrets', () => {
    const url = 'http://127.0.0.1:1/authorize?client_id=c&redirect_uri=http%3A%2F%2F127.0.0.1%3A2%2Fcallback&state=s';
    expect(authorizationUrlFromStderr(`[1] \nPlease authorize this client by visiting:\n${url}\n`)).toBe(url);
    expect(redirectUriOf(url)).toBe('http://127.0.0.1:2/callback');
    expect(redactText('{"access_token":"eyJhbGciOiJSUzI1NiJ9.payload.sig"} code=abcdefghijkl')).not.toMatch(/payload|abcdefghijkl/);
  });
});

describe('a refused redirect URI that is already the 127.0.0.1 callback', () => {
  it('says to register it, not to make the bridge send it', () => {
    const [f] = bridgeFindings({ stderr: '', loginText: 'Redirect URI: http://127.0.0.1:26691/callback doesn\'t exist in the allowed Redirect URI list', redirectUri: 'http://127.0.0.1:26691/callback' });
    expect(f?.fix).toMatch(/^Add http:\/\/127\.0\.0\.1:26691\/callback to the application's Redirect URIs/);
    expect(f?.fix).not.toMatch(/Make the bridge send/);
    expect(f?.fixAction).toEqual({ action: 'iam.register-redirect-uri', uri: 'http://127.0.0.1:26691/callback' });
  });
});
