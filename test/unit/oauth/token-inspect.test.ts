import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { inspectAccessToken } from '../../../main/core/oauth/token-inspect.js';
import { parseBearerChallenge } from '../../../main/core/oauth/challenge.js';
import { fakeFetch } from './fake-fetch.js';

const ISS = 'https://iam.example.com';
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

async function signed(claims: jose.JWTPayload, key?: jose.CryptoKey) {
  const pair = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key ?? pair.privateKey);
  const { fetch } = fakeFetch({ [`${ISS}/.well-known/jwks`]: { json: { keys: [jwk] } } });
  return { token, fetch };
}

const base = { issuer: ISS, clientId: 'client-1', resource: `${ISS}/api/mcp`, jwksUri: `${ISS}/.well-known/jwks`, now: () => NOW };
const nowSec = NOW / 1000;

describe('access token inspection', () => {
  it('accepts a well-formed token: signature, iss, aud, exp, scope', async () => {
    const { token, fetch } = await signed({ iss: ISS, aud: ['client-1'], exp: nowSec + 3600, iat: nowSec, scope: 'openid application:read' });
    const r = await inspectAccessToken(token, { ...base, fetch, requestedScopes: ['openid', 'application:read'] });
    expect(r).toMatchObject({ format: 'jwt', signature: 'valid', problems: [], grantedScopes: ['openid', 'application:read'], expiresInSeconds: 3600 });
    expect(r.missingScopes).toBeUndefined();
  });

  it('names a bad signature, wrong iss, foreign aud, expiry and missing scopes', async () => {
    const other = await jose.generateKeyPair('RS256');
    const { token, fetch } = await signed({ iss: 'https://evil', aud: 'someone-else', exp: nowSec - 600, scope: 'openid' }, other.privateKey);
    const r = await inspectAccessToken(token, { ...base, fetch, requestedScopes: ['openid', 'application:read'] });
    expect(r.signature).toBe('invalid');
    const text = r.problems.join('\n');
    expect(text).toMatch(/signature/);
    expect(text).toMatch(/iss "https:\/\/evil"/);
    expect(text).toMatch(/aud/);
    expect(text).toMatch(/expired 600 s ago/);
    expect(r.missingScopes).toEqual(['application:read']);
  });

  it('compares the local clock with the server Date header', async () => {
    const { token, fetch } = await signed({ iss: ISS, aud: 'client-1', exp: nowSec + 3600 });
    const r = await inspectAccessToken(token, { ...base, fetch, requestedScopes: [], serverDate: new Date(NOW - 3600_000).toUTCString() });
    expect(r.clockOffsetSeconds).toBe(3600);
    expect(r.problems.join()).toMatch(/clock is 3600 s off/);
  });

  it('says so for an opaque token and takes the scope from the token response', async () => {
    const { fetch } = fakeFetch({});
    const r = await inspectAccessToken('opaque-token-value', { ...base, fetch, requestedScopes: ['a', 'b'], responseScope: 'a' });
    expect(r.format).toBe('opaque');
    expect(r.notes.join()).toMatch(/opaque/);
    expect(r.missingScopes).toEqual(['b']);
  });
});

describe('Bearer challenge parsing (RFC 6750 §3, RFC 9728 §5.1)', () => {
  it('reads Casdoor\'s realm + resource_metadata and the spec\'s insufficient_scope', () => {
    expect(parseBearerChallenge('Bearer realm="casdoor", resource_metadata="http://h/.well-known/oauth-protected-resource"'))
      .toMatchObject({ realm: 'casdoor', resourceMetadata: 'http://h/.well-known/oauth-protected-resource' });
    expect(parseBearerChallenge('Bearer error="insufficient_scope", scope="a b", error_description="need more"'))
      .toMatchObject({ error: 'insufficient_scope', scope: 'a b', errorDescription: 'need more' });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
  });
});
