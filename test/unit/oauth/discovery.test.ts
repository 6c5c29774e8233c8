import { describe, expect, it } from 'vitest';
import { httpExchange, type HttpRequest } from '../../../main/core/http/exchange.js';
import { discoverAuthorizationServer, discoverProtectedResource, protectedResourceUrls } from '../../../main/core/oauth/discovery.js';
import { fakeFetch, type FakeRoute } from './fake-fetch.js';

const H = 'https://iam.example.com';
const asDoc = (issuer: string) => ({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ['S256'] });

function setup(routes: Record<string, FakeRoute>) {
  const fake = fakeFetch(routes);
  const http = (req: HttpRequest) => httpExchange(fake.fetch, req);
  return { http, calls: fake.calls };
}

describe('protected-resource discovery order (RFC 9728 §3.1, MCP 2025-11-25)', () => {
  it('tries the challenge URL, then the path-suffixed well-known, then the root', () => {
    expect(protectedResourceUrls(`${H}/api/mcp`, `${H}/custom/prm.json`)).toEqual([
      `${H}/custom/prm.json`, `${H}/.well-known/oauth-protected-resource/api/mcp`, `${H}/.well-known/oauth-protected-resource`,
    ]);
    expect(protectedResourceUrls(`${H}/`)).toEqual([`${H}/.well-known/oauth-protected-resource`]);
  });

  it('falls back past a failing challenge URL and a 404, recording each failure', async () => {
    const { http, calls } = setup({
      [`${H}/custom/prm.json`]: { status: 500, body: 'boom' },
      [`${H}/.well-known/oauth-protected-resource`]: { json: { resource: `${H}/api/mcp`, authorization_servers: [H] } },
    });
    const result = await discoverProtectedResource(http, `${H}/api/mcp`, `${H}/custom/prm.json`);
    expect(calls).toEqual([`${H}/custom/prm.json`, `${H}/.well-known/oauth-protected-resource/api/mcp`, `${H}/.well-known/oauth-protected-resource`]);
    expect(result.metadata?.authorization_servers).toEqual([H]);
    expect(result.attempts.map((a) => [a.ok, a.status])).toEqual([[false, 500], [false, 404], [true, 200]]);
  });

  it('stops at the path-suffixed document and never asks the root', async () => {
    const { http, calls } = setup({ [`${H}/.well-known/oauth-protected-resource/mcp`]: { json: { resource: `${H}/mcp`, authorization_servers: [H] } } });
    const result = await discoverProtectedResource(http, `${H}/mcp`);
    expect(result.metadata?.resource).toBe(`${H}/mcp`);
    expect(calls).toEqual([`${H}/.well-known/oauth-protected-resource/mcp`]);
  });

  it('rejects a document that is not RFC 9728 metadata and keeps going', async () => {
    const { http } = setup({ [`${H}/.well-known/oauth-protected-resource/mcp`]: { json: { hello: 1 } } });
    const result = await discoverProtectedResource(http, `${H}/mcp`);
    expect(result.metadata).toBeUndefined();
    expect(result.attempts[0]?.problem).toMatch(/not RFC 9728/);
  });
});

describe('authorization-server discovery order (RFC 8414 §3.1, OIDC Discovery §4)', () => {
  it('with a path: OAuth path-inserted, OIDC path-inserted, OIDC path-appended', async () => {
    const issuer = `${H}/tenant1`;
    const { http, calls } = setup({ [`${H}/tenant1/.well-known/openid-configuration`]: { json: asDoc(issuer) } });
    const result = await discoverAuthorizationServer(http, issuer);
    expect(calls).toEqual([
      `${H}/.well-known/oauth-authorization-server/tenant1`,
      `${H}/.well-known/openid-configuration/tenant1`,
      `${H}/tenant1/.well-known/openid-configuration`,
    ]);
    expect(result.issuerMatches).toBe(true);
    expect(result.attempts.filter((a) => !a.ok)).toHaveLength(2);
  });

  it('without a path: OAuth first, then OIDC', async () => {
    const { http, calls } = setup({ [`${H}/.well-known/openid-configuration`]: { json: asDoc(H) } });
    const result = await discoverAuthorizationServer(http, H);
    expect(calls).toEqual([`${H}/.well-known/oauth-authorization-server`, `${H}/.well-known/openid-configuration`]);
    expect(result.metadata?.issuer).toBe(H);
  });

  it('flags an issuer that differs from the one asked about (RFC 8414 §3.3)', async () => {
    const { http } = setup({ [`${H}/.well-known/oauth-authorization-server`]: { json: asDoc('https://other.example.com') } });
    expect((await discoverAuthorizationServer(http, H)).issuerMatches).toBe(false);
  });

  it('skips documents missing required endpoints', async () => {
    const { http } = setup({
      [`${H}/.well-known/oauth-authorization-server`]: { json: { issuer: H } },
      [`${H}/.well-known/openid-configuration`]: { json: asDoc(H) },
    });
    const result = await discoverAuthorizationServer(http, H);
    expect(result.attempts[0]?.problem).toBe('missing authorization_endpoint');
    expect(result.url).toBe(`${H}/.well-known/openid-configuration`);
  });

  it('2025-03-26 fallback: default endpoints only when asked for legacy defaults', async () => {
    const { http } = setup({});
    expect((await discoverAuthorizationServer(http, H)).metadata).toBeUndefined();
    const legacy = await discoverAuthorizationServer(http, H, true);
    expect(legacy.defaultEndpoints).toBe(true);
    expect(legacy.metadata?.token_endpoint).toBe(`${H}/token`);
  });
});
