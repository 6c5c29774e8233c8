/**
 * token.*: the token's lifetime, the clocks, and the refresh grant (docs/iam-facts.md, token
 * endpoint errors: "grant_type: refresh_token is not supported in this application";
 * `refreshExpireInHours` 0 means the refresh token dies with the access token).
 */
import { decodeJwt, type JWTPayload } from 'jose';
import type { CheckDef } from '../types.js';
import { say } from '../words.js';
import { discover } from './discovery.js';
import type { AuthorizationServerMetadata } from '../../oauth/discovery.js';
import { initExchange } from './probe.js';

export function claimsOf(token: string): JWTPayload | undefined {
  try { return decodeJwt(token); } catch { return undefined; }
}

export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const SKEW_WARN_S = 60;

export const tokenChecks: CheckDef[] = [
  {
    id: 'token.expiry', area: 'token', title: 'Access token is not expired', needsToken: true,
    async run(ctx) {
      const t = ctx.options.token!;
      const claims = claimsOf(t.accessToken);
      if (!claims || typeof claims.exp !== 'number') return { status: 'skip', notApplicable: true, evidence: { origin: t.origin }, ...say('token-opaque') };
      const left = claims.exp * 1000 - ctx.deps.now();
      const evidence = { origin: t.origin, exp: new Date(claims.exp * 1000).toISOString(), remainingS: Math.round(left / 1000), iss: claims.iss, aud: claims.aud, azp: claims.azp };
      if (left <= 0) return { status: 'fail', evidence, ...say('token-expired', { ago: duration(left), exp: evidence.exp }) };
      if (left < 5 * 60_000) return { status: 'warn', evidence, ...say('token-expiring', { left: duration(left) }) };
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'token.clock-skew', area: 'token', title: 'Local clock agrees with the server', needs: ['net.http-scheme'], network: true,
    async run(ctx, signal) {
      const ex = await initExchange(ctx, signal);
      const date = ex.response?.headers.date;
      if (!date || Number.isNaN(Date.parse(date))) return { status: 'skip', notApplicable: true, evidence: {}, ...say('no-date') };
      // The Date header has 1 s resolution and was generated during the exchange.
      const local = ctx.deps.now() - ex.durationMs / 2;
      const skew = Math.round((local - Date.parse(date)) / 1000);
      const evidence = { serverDate: date, localDate: new Date(local).toISOString(), skewS: skew };
      if (Math.abs(skew) > SKEW_WARN_S) return { status: 'warn', evidence, ...say('clock-skew', { skew }) };
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'token.refresh', area: 'token', title: 'Refresh grant works', needs: ['discovery.authorization-server'], network: true, needsToken: true,
    async run(ctx, signal) {
      const t = ctx.options.token!;
      // A login that yields no refresh token: the application does not have the grant enabled.
      if (!t.refreshToken && t.origin === 'login') return { status: 'warn', evidence: { origin: t.origin, refreshToken: 'none issued' }, ...say('refresh-not-issued') };
      if (!t.refreshToken) return { status: 'skip', notApplicable: true, evidence: { origin: t.origin }, ...say('no-refresh-token', { why: t.origin === 'flag' ? 'a given access token comes without a refresh token; sign in instead' : 'the token source has none' }) };
      // Refresh tokens rotate (docs/iam-facts.md): refreshing the bridge's own token would log the bridge out.
      if (t.origin === 'bridge-cache') return { status: 'skip', notApplicable: true, evidence: { origin: t.origin }, ...say('no-refresh-token', { why: 'refreshing mcp-remote\'s cached token would rotate it away from the bridge; sign in instead' }) };
      const [oidc, { buildClientConfig }] = await Promise.all([import('openid-client'), import('../../oauth/client.js')]);
      const as = (await discover(ctx, signal)).as?.json;
      if (!as?.token_endpoint) return { status: 'skip', evidence: {}, ...say('no-token-endpoint') };
      const clientId = ctx.options.target.clientId ?? '';
      const config = buildClientConfig(as as unknown as AuthorizationServerMetadata, { clientId, authMethod: 'none', source: 'given' },
        (url, init) => ctx.deps.fetch(url, { ...init, signal }));
      const access = claimsOf(t.accessToken); const refresh = claimsOf(t.refreshToken);
      const evidence: Record<string, unknown> = { token_endpoint: as.token_endpoint, grant_type: 'refresh_token', accessExp: access?.exp, refreshExp: refresh?.exp };
      try {
        const res = await oidc.refreshTokenGrant(config, t.refreshToken);
        evidence.expires_in = res.expires_in; evidence.rotated = !!res.refresh_token && res.refresh_token !== t.refreshToken;
      } catch (error) {
        const e = error as { error?: string; error_description?: string; message?: string; code?: string };
        evidence.error = e.error ?? e.message; evidence.error_description = e.error_description;
        // openid-client's own check of the returned ID token's iat/exp/nbf (oauth4webapi JWT_TIMESTAMP_CHECK): the server did renew.
        if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' || /timestamp claim/i.test(e.message ?? '')) {
          evidence.detail = (error as { cause?: { message?: string } }).cause?.message;
          return { status: 'warn', evidence, ...say('refresh-clock', { error: e.message }) };
        }
        if (e.error === 'unsupported_grant_type' || /refresh_token is not supported/i.test(e.error_description ?? '')) return { status: 'fail', evidence, ...say('refresh-disabled') };
        return { status: 'fail', evidence, ...say('refresh-failed', { error: `${e.error ?? e.message}${e.error_description ? `: ${e.error_description}` : ''}` }) };
      }
      // Only a JWT refresh token shows its lifetime; an opaque one is checked by use alone.
      evidence.refreshLifetime = refresh?.exp ? 'from the JWT exp' : 'unknown (opaque refresh token)';
      // Within a minute of each other: issued together with the same lifetime (refreshExpireInHours 0).
      if (access?.exp && refresh?.exp && refresh.exp <= access.exp + 60) return { status: 'warn', evidence, ...say('refresh-dies-with-access') };
      return { status: 'pass', evidence };
    },
  },
];
