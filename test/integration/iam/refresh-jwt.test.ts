/**
 * Refresh tokens as Casdoor issues them (object/token_jwt.go `generateJwtToken`): an RS256 JWT with
 * the access token's claims, `tokenType: "refresh-token"` and its own exp (now + refreshExpireInHours,
 * or the access token's exp when that is 0). Checked against the published JWKS with jose, on both
 * Casdoor-derived profiles; the refresh grant refuses rotated, revoked and expired ones with the
 * facts' strings.
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { login, postToken } from './oauth-helpers.js';

const handles: Partial<Record<'casdoor' | 'hanzo-v1', EmulatorHandle>> = {};
beforeAll(async () => {
  [handles.casdoor, handles['hanzo-v1']] = await Promise.all([startEmulator({ profile: 'casdoor' }), startEmulator({ profile: 'hanzo-v1' })]);
});
afterAll(async () => { await Promise.all(Object.values(handles).map((h) => h.close())); });
afterEach(() => { for (const h of Object.values(handles)) h.setFaults({}); });

/** Verifies with the keys the server publishes (its discovery document's jwks_uri). */
async function verifyWithJwks(config: client.Configuration, jwt: string): Promise<JWTPayload> {
  const jwks = (await (await fetch(config.serverMetadata().jwks_uri ?? '')).json()) as Parameters<typeof createLocalJWKSet>[0];
  return (await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['RS256'] })).payload;
}

describe.each(['casdoor', 'hanzo-v1'] as const)('%s refresh tokens', (profile) => {
  const h = () => handles[profile]!;
  const tokenEndpoint = (config: client.Configuration) => config.serverMetadata().token_endpoint ?? '';

  it('are RS256 JWTs with the access token\'s claims, tokenType "refresh-token" and exp = iat + refreshExpireInHours', async () => {
    const { config, tokens } = await login(h());
    const refresh = tokens.refresh_token ?? '';
    expect(decodeProtectedHeader(refresh)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const [r, a] = await Promise.all([verifyWithJwks(config, refresh), verifyWithJwks(config, tokens.access_token)]);
    expect(r.tokenType).toBe('refresh-token');
    expect(a.tokenType).toBe('access-token');
    for (const claim of ['iss', 'sub', 'aud', 'jti', 'iat', 'nbf', 'scope', 'azp', 'name', 'owner']) expect(r[claim], claim).toEqual(a[claim]);
    expect((r.exp ?? 0) - (r.iat ?? 0)).toBe(720 * 3600); // the seed app's refreshExpireInHours
    expect((r.exp ?? 0) - (a.exp ?? 0)).toBeGreaterThan(0);
  });

  it('refresh-expires-with-access: the refresh JWT\'s exp is the access token\'s exp', async () => {
    h().setFaults({ refreshExpiresWithAccess: true });
    const { config, tokens } = await login(h());
    const [r, a] = await Promise.all([verifyWithJwks(config, tokens.refresh_token ?? ''), verifyWithJwks(config, tokens.access_token)]);
    expect(r.exp).toBe(a.exp);
    expect(r.tokenType).toBe('refresh-token');
  });

  it('the refresh grant: a fresh JWT rotates; rotated-away, revoked, access-token-as-refresh and expired ones are refused', async () => {
    const { config, tokens } = await login(h());
    const refresh = tokens.refresh_token ?? '';
    const ok = await postToken(tokenEndpoint(config), { grant_type: 'refresh_token', client_id: h().clientId, refresh_token: refresh });
    expect(ok.status).toBe(200);
    const next = String(ok.body.refresh_token);
    expect((await verifyWithJwks(config, next)).tokenType).toBe('refresh-token');
    expect(next).not.toBe(refresh);
    const invalid = { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' } };
    expect(await postToken(tokenEndpoint(config), { grant_type: 'refresh_token', client_id: h().clientId, refresh_token: refresh })).toEqual(invalid);
    expect(await postToken(tokenEndpoint(config), { grant_type: 'refresh_token', client_id: h().clientId, refresh_token: String(ok.body.access_token) })).toEqual(invalid);
    h().setFaults({ revokeAll: true });
    expect(await postToken(tokenEndpoint(config), { grant_type: 'refresh_token', client_id: h().clientId, refresh_token: next })).toEqual(invalid);
    // exp is checked on the JWT against the server clock: two hours past a 1 h refresh life.
    h().setFaults({ tokenTtl: 3600, refreshExpiresWithAccess: true });
    const short = (await login(h())).tokens.refresh_token ?? '';
    h().setFaults({ tokenTtl: 3600, refreshExpiresWithAccess: true, clockSkew: 7200 });
    expect(await postToken(tokenEndpoint(config), { grant_type: 'refresh_token', client_id: h().clientId, refresh_token: short }))
      .toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is expired' } });
  });
});
