import { describe, expect, it } from 'vitest';
import { httpExchange, type HttpRequest } from '../../../main/core/http/exchange.js';
import { judgeCallback } from '../../../main/core/oauth/callback-server.js';
import { discoverAuthorizationServer, discoverProtectedResource } from '../../../main/core/oauth/discovery.js';
import { refusedToken, refusedTokenFix } from '../../../main/core/verify/steps-mcp.js';
import { resourceAllowed } from '../../../main/core/verify/steps-discovery.js';
import { exchangeFix, oauthFailure, redirectFix } from '../../../main/core/verify/steps-oauth.js';
import { phraseFix } from '../../../main/cli/fix-phrases.js';

describe('redirect fix text (docs/iam-facts.md, the guide\'s errors 5)', () => {
  it('never suggests a "*" port, which Casdoor does not read as a wildcard', () => {
    const fix = redirectFix('http://127.0.0.1:51234/callback', undefined);
    expect(fix.text).not.toContain(':*');
    expect(fix.text).toContain('Register http://127.0.0.1/callback ');
    expect(fix.text).not.toContain('--');
    expect(fix.action).toEqual({ action: 'verify.callback-port', port: 8976, uri: 'http://127.0.0.1:8976/callback' });
    expect(phraseFix(fix.action)).toBe('pass --callback-port 8976 and register http://127.0.0.1:8976/callback');
  });

  it('with a pinned port, names the exact URI; a non-bridge path is pointed out', () => {
    expect(redirectFix('http://127.0.0.1:8976/cb', 8976).text).toBe('Register exactly http://127.0.0.1:8976/cb in the application\'s Redirect URIs. The written mcp-remote entry uses the path /callback.');
  });
});

describe('callback judging', () => {
  it('an error redirect without state still reports the server\'s error (RFC 6749 §4.1.2.1)', () => {
    const out = judgeCallback(new URL('http://127.0.0.1:1/callback?error=access_denied&error_description=user%20said%20no'), { expectedState: 's1' });
    expect(out).toMatchObject({ ok: false, reason: 'error-response', error: 'access_denied', errorDescription: 'user said no' });
  });

  it('an error redirect with a wrong state is a state mismatch, and a code without state too', () => {
    expect(judgeCallback(new URL('http://127.0.0.1:1/callback?error=x&state=forged'), { expectedState: 's1' })).toMatchObject({ reason: 'state-mismatch' });
    expect(judgeCallback(new URL('http://127.0.0.1:1/callback?code=c'), { expectedState: 's1' })).toMatchObject({ reason: 'state-mismatch' });
  });
});

describe('code-exchange fixes name the server\'s actual complaint', () => {
  it.each([
    ['invalid_scope: Invalid scope', /scope list/],
    ['invalid_client: client_secret is invalid for application: x', /give its client secret/],
    ['invalid_grant: authorization code has expired', /finish the sign-in promptly/],
    ['unauthorized_client', /authorization_code grant/],
  ])('%s', (detail, fix) => {
    expect(exchangeFix(detail).text).toMatch(fix);
  });

  it('a timeout or a refused connection is not worded as the server refusing', () => {
    const timeout = Object.assign(new Error('operation timed out'), { code: 'OAUTH_TIMEOUT', cause: new DOMException('t', 'TimeoutError') });
    expect(oauthFailure(timeout, 700)).toEqual({ detail: 'gave no answer within 700 ms', answered: false });
    const refused = Object.assign(new Error('something went wrong'), { cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    expect(oauthFailure(refused, 700)).toEqual({ detail: 'cannot be reached (ECONNREFUSED)', answered: false });
    expect(oauthFailure(Object.assign(new Error('x'), { error: 'invalid_grant', error_description: 'bad' }), 700)).toEqual({ detail: 'invalid_grant: bad', answered: true });
  });
});

describe('RFC 9728 §3.3 resource match, as strict as the bridge (MCP SDK checkResourceAllowed)', () => {
  it.each([
    ['https://iam.example.com/api/mcp', 'https://iam.example.com/api/mcp', true],
    ['https://iam.example.com/api/mcp', 'https://iam.example.com', true],
    ['https://iam.example.com/api/mcp', 'https://iam.example.com/api', true],
    ['https://iam.example.com/api/mcp', 'https://iam.example.com/mcp', false],
    ['https://iam.example.com/api/mcp', 'https://other.example.com/api/mcp', false],
    ['https://iam.example.com/api/mcp', 'http://iam.example.com/api/mcp', false],
    ['https://iam.example.com/api/mcp', 'not a url', false],
  ])('%s vs %s', (url, resource, ok) => {
    expect(resourceAllowed(url, resource)).toBe(ok);
  });
});

describe('authorization-server discovery on an unreachable host', () => {
  it('stops at the first refused connection instead of trying every well-known URL', async () => {
    const calls: string[] = [];
    const fetch = async (input: string | URL) => {
      calls.push(String(input));
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
    };
    const http = (req: HttpRequest) => httpExchange(fetch, req);
    const result = await discoverAuthorizationServer(http, 'https://iam.example.com/tenant', true);
    expect(calls).toHaveLength(1);
    expect(result.networkError).toMatch(/ECONNREFUSED/);
    expect(result.metadata).toBeUndefined();
  });
});

describe('protected-resource discovery past an unreachable resource_metadata host', () => {
  it('a dead challenge URL on another host does not cancel the well-known fallbacks', async () => {
    const H = 'https://iam.example.com';
    const calls: string[] = [];
    const fetch = async (input: string | URL) => {
      const url = String(input);
      calls.push(url);
      if (url.startsWith('https://prm.example.net')) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
      if (url === `${H}/.well-known/oauth-protected-resource`) return Response.json({ resource: `${H}/api/mcp`, authorization_servers: [H] });
      return new Response('not found', { status: 404 });
    };
    const http = (req: HttpRequest) => httpExchange(fetch, req);
    const result = await discoverProtectedResource(http, `${H}/api/mcp`, 'https://prm.example.net/.well-known/oauth-protected-resource');
    expect(result.metadata?.resource).toBe(`${H}/api/mcp`);
    expect(result.networkError).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('a dead MCP origin is asked once and reported as unreachable', async () => {
    const calls: string[] = [];
    const fetch = async (input: string | URL) => {
      calls.push(String(input));
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
    };
    const result = await discoverProtectedResource((req: HttpRequest) => httpExchange(fetch, req), 'https://iam.example.com/api/mcp');
    expect(calls).toHaveLength(1);
    expect(result.networkError).toMatch(/ECONNREFUSED/);
  });
});

describe('a refused token gets the fix its Casdoor error data names', () => {
  it.each([
    ["Error POSTing to endpoint: {\"error\":{\"code\":-32001,\"message\":\"Unauthorized\",\"data\":\"Access token doesn't exist in database\"}}", /revoked/],
    ['... "data":"The user is forbidden to sign in, please contact the administrator"', /Is forbidden/],
    ['... "data":"Access token has expired, expireTime = 2026-11-26T10:00:00Z"', /clock/],
    ['HTTP 401: invalid_token', /protected-resource metadata names the IAM/],
  ])('%s', (message, fix) => {
    expect(refusedTokenFix(message)).toMatch(fix);
  });
});

describe('a refused token is named in the server\'s words', () => {
  it('the SDK\'s transport text and the JSON-RPC body are left out of the cause (they stay in the evidence)', () => {
    const message = 'HTTP 401: Streamable HTTP error: Error POSTing to endpoint: {"jsonrpc":"2.0","id":0,"error":{"code":-32001,"message":"Unauthorized","data":"Access token doesn\'t exist in database"}}';
    expect(refusedToken(message, undefined)).toBe('the server refused the access token just issued (HTTP 401: Access token doesn\'t exist in database): revoked, expired, or not meant for this resource');
    expect(refusedToken('HTTP 401: invalid_token', 401)).toBe('the server refused the access token just issued (HTTP 401: invalid_token): revoked, expired, or not meant for this resource');
    expect(refusedToken('HTTP 500: boom', 500)).toBeUndefined();
  });
});
