/**
 * Token issuing: RS256 JWT access, ID and refresh tokens signed with a per-process key (jose).
 * As Casdoor's `generateJwtToken` (object/token_jwt.go): the refresh token carries the access
 * token's claims (same jti, aud, scope) with `tokenType: "refresh-token"` and its own `exp` =
 * now + `refreshExpireInHours`, or the access token's `exp` when that is 0 (docs/iam-facts.md, "Token endpoint": "dies with the
 * access token"). Refresh tokens rotate on use (docs/iam-facts.md). The issuer is the origin the client
 * addressed, as in the discovery document (Casdoor derives both from the request host).
 */
import { errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash } from 'node:crypto';
import type { SeedApplication, SeedUser } from './seed.js';
import { now, randomId, type EmulatorState } from './state.js';

export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
  kid: string;
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `cert-${randomId(6)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, publicKey, jwk, kid };
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function accessTtlSeconds(state: EmulatorState, app: SeedApplication): number {
  return state.faults.tokenTtl ?? app.expireInHours * 3600;
}

/** Issues access + ID (+ refresh, when the app has the grant) tokens and stores them. */
export async function issueTokens(
  state: EmulatorState,
  app: SeedApplication,
  user: SeedUser,
  grant: { scope: string; resource: string | undefined; nonce: string | undefined; issuer: string },
): Promise<TokenResponse> {
  const issuedAt = now(state);
  const ttl = accessTtlSeconds(state, app);
  const iat = Math.floor(issuedAt / 1000);
  const exp = iat + ttl;
  // Facts: aud is [client_id], or [resource] when an RFC 8707 resource was requested.
  const aud = grant.resource ? [grant.resource] : [app.clientId];
  const sub = `${user.owner}/${user.username}`;
  // Casdoor signs access and refresh tokens from one claims object, so they share the jti.
  const jti = randomId(12);
  const sign = (claims: Record<string, unknown>, audience: string[] | string, expiresAt = exp, id = jti) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: state.keys.kid, typ: 'JWT' })
      .setIssuer(grant.issuer).setSubject(sub).setAudience(audience).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(expiresAt)
      .setJti(id).sign(state.keys.privateKey);
  const accessClaims = { scope: grant.scope, azp: app.clientId, name: user.username, owner: user.owner };
  const access = await sign({ ...accessClaims, tokenType: 'access-token' }, aud);
  const idToken = await sign({
    azp: app.clientId, name: user.username, preferred_username: user.username, email: user.email, tokenType: 'id-token',
    ...(grant.nonce ? { nonce: grant.nonce } : {}),
  }, app.clientId, exp, randomId(12));
  const hasRefresh = app.grantTypes.includes('refresh_token');
  const refreshExp = app.refreshExpireInHours === 0 ? exp : iat + app.refreshExpireInHours * 3600;
  const refresh = hasRefresh ? await sign({ ...accessClaims, tokenType: 'refresh-token' }, aud, refreshExp) : undefined;
  state.accessTokens.set(access, { token: access, clientId: app.clientId, username: user.username, scope: grant.scope, aud, expiresAt: exp * 1000, refreshToken: refresh });
  if (refresh) {
    state.refreshTokens.set(refresh, { token: refresh, clientId: app.clientId, username: user.username, scope: grant.scope, aud, expiresAt: refreshExp * 1000, revoked: false });
  }
  return { access_token: access, id_token: idToken, ...(refresh ? { refresh_token: refresh } : {}), token_type: 'Bearer', expires_in: ttl, scope: grant.scope };
}

/**
 * The refresh token as Casdoor's `ParseJwtToken` checks it on the refresh grant: RS256 signature
 * by this emulator's key, `exp` against the server clock (the `clock-skew` fault moves it), and
 * `tokenType` "refresh-token". Store membership (revocation, rotation) is checked by the caller.
 */
export async function verifyRefreshJwt(state: EmulatorState, token: string): Promise<'valid' | 'expired' | 'invalid'> {
  try {
    const { payload } = await jwtVerify(token, state.keys.publicKey, { algorithms: ['RS256'], currentDate: new Date(now(state)) });
    return payload.tokenType === 'refresh-token' ? 'valid' : 'invalid';
  } catch (error) {
    return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
  }
}

/** Casdoor's expireTime rendering in "Access token has expired, expireTime = <time>". */
export function formatExpireTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
