/**
 * Access-token inspection (`token.inspect`): JWT header and claims, signature against the issuer's
 * JWKS (jose), `iss`, `aud` (client id or resource, RFC 8707 §2 / RFC 9068 §4), `exp`/`iat` against
 * the local clock and the server's `Date`, granted vs requested scope (RFC 6749 §3.3). Opaque
 * tokens are said to be opaque; the caller may introspect them (RFC 7662).
 */
import * as jose from 'jose';
import type { FetchLike } from '../http/exchange.js';
import { OIDC_SCOPES, scopesOf } from '../server-facts.js';

export interface TokenInspection {
  format: 'jwt' | 'opaque';
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  signature?: 'valid' | 'invalid' | 'not-checked';
  signatureNote?: string;
  problems: string[];
  notes: string[];
  /** Seconds until expiry by the local clock (negative: expired). */
  expiresInSeconds?: number;
  /** Local clock minus the server's `Date` header, seconds. */
  clockOffsetSeconds?: number;
  grantedScopes?: string[];
  missingScopes?: string[];
}

export interface InspectOptions {
  issuer: string;
  clientId: string;
  resource?: string;
  jwksUri?: string;
  requestedScopes: string[];
  /** The `scope` of the token response (RFC 6749 §5.1), when given. */
  responseScope?: string;
  fetch: FetchLike;
  now: () => number;
  /** The token endpoint's `Date` header. */
  serverDate?: string;
  /** Bound on the JWKS fetch, ms (default 5000). */
  timeoutMs?: number;
  /** Clock tolerance for exp/iat, seconds (default 60). */
  toleranceSeconds?: number;
}

export { OIDC_SCOPES };

export async function inspectAccessToken(token: string, opts: InspectOptions): Promise<TokenInspection> {
  const nowSec = Math.floor(opts.now() / 1000);
  const tolerance = opts.toleranceSeconds ?? 60;
  const out: TokenInspection = { format: 'opaque', problems: [], notes: [] };
  if (opts.serverDate) {
    const server = Date.parse(opts.serverDate);
    if (!Number.isNaN(server)) out.clockOffsetSeconds = Math.round((opts.now() - server) / 1000);
  }
  let header: jose.ProtectedHeaderParameters | undefined;
  let claims: jose.JWTPayload | undefined;
  try {
    header = jose.decodeProtectedHeader(token);
    claims = jose.decodeJwt(token);
  } catch {
    out.notes.push('the access token is opaque (not a JWT): its claims can only be learned by introspection');
  }
  if (header && claims) {
    out.format = 'jwt';
    out.header = header as Record<string, unknown>;
    out.claims = claims as Record<string, unknown>;
    if (!opts.jwksUri) {
      out.signature = 'not-checked';
      out.signatureNote = 'the server publishes no jwks_uri';
    } else {
      try {
        const jwks = jose.createRemoteJWKSet(new URL(opts.jwksUri), { [jose.customFetch]: opts.fetch, timeoutDuration: opts.timeoutMs ?? 5000 } as never);
        await jose.compactVerify(token, jwks);
        out.signature = 'valid';
      } catch (error) {
        out.signature = 'invalid';
        out.signatureNote = (error as Error).message;
        out.problems.push(`signature does not verify against ${opts.jwksUri}: ${(error as Error).message}`);
      }
    }
    if (claims.iss !== undefined && claims.iss !== opts.issuer && claims.iss.replace(/\/$/, '') !== opts.issuer.replace(/\/$/, '')) {
      out.problems.push(`iss "${claims.iss}" is not the authorization server's issuer "${opts.issuer}"`);
    }
    const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const accepted = [opts.clientId, opts.resource].filter((v): v is string => typeof v === 'string');
    if (aud.length && !aud.some((a) => accepted.includes(a) || accepted.some((x) => x.replace(/\/$/, '') === a.replace(/\/$/, '')))) {
      out.problems.push(`aud ${JSON.stringify(aud)} names neither the client id nor the resource`);
    }
    if (typeof claims.exp === 'number') {
      out.expiresInSeconds = claims.exp - nowSec;
      if (claims.exp + tolerance < nowSec) out.problems.push(`expired ${nowSec - claims.exp} s ago by the local clock (exp ${new Date(claims.exp * 1000).toISOString()})`);
    }
    if (typeof claims.iat === 'number' && claims.iat - tolerance > nowSec) {
      out.problems.push(`issued ${claims.iat - nowSec} s in the future by the local clock (iat): the clocks disagree`);
    }
  }
  if (out.clockOffsetSeconds !== undefined && Math.abs(out.clockOffsetSeconds) > tolerance) {
    out.problems.push(`the local clock is ${out.clockOffsetSeconds} s off the server's Date header`);
  }
  const granted = scopesOf(out.claims, opts.responseScope);
  if (granted) {
    out.grantedScopes = granted;
    // OpenID Connect scopes are granted to the client (ID token, userinfo), and an RFC 8707
    // resource-bound access token rightly carries only the resource's scopes.
    const missing = opts.requestedScopes.filter((s) => !granted.includes(s) && !(out.format === 'jwt' && OIDC_SCOPES.has(s)));
    if (missing.length) out.missingScopes = missing;
  }
  return out;
}
