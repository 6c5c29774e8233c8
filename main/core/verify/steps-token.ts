/**
 * Step 4-5 after the exchange: access-token inspection, expiry/clock, one refresh (RFC 6749 §6;
 * OAuth 2.1 §4.3.1 rotation for public clients). The refreshed access token is the one the MCP
 * steps use, so "the new token works" is proven there.
 */
import * as oidc from 'openid-client';
import { redactSecret } from '../http/redact.js';
import { inspectAccessToken, OIDC_SCOPES } from '../oauth/token-inspect.js';
import { clientConfig, oauthFailure } from './steps-oauth.js';
import { fail, fixWith, pass, skip, warn, type StepOutcome, type VerifyContext } from './context.js';

export async function stepInspect(ctx: VerifyContext): Promise<StepOutcome> {
  const token = ctx.secrets.accessToken;
  const m = ctx.state.as?.metadata;
  if (!token || !m) return skip('no access token');
  const inspection = await inspectAccessToken(token, {
    issuer: m.issuer, clientId: ctx.state.identity!.clientId,
    ...(ctx.options.resource !== false ? { resource: ctx.options.url } : {}),
    ...(m.jwks_uri ? { jwksUri: m.jwks_uri } : {}),
    requestedScopes: ctx.state.requestedScopes,
    ...(ctx.state.tokenResponse?.scope !== undefined ? { responseScope: ctx.state.tokenResponse.scope } : {}),
    fetch: ctx.deps.fetch, now: ctx.deps.now, timeoutMs: ctx.timeoutMs,
    ...(ctx.state.tokenResponse?.serverDate ? { serverDate: ctx.state.tokenResponse.serverDate } : {}),
  });
  ctx.state.inspection = inspection;
  const evidence: Record<string, unknown> = { token: redactSecret(token), format: inspection.format, header: inspection.header, claims: inspection.claims, signature: inspection.signature, signatureNote: inspection.signatureNote, grantedScopes: inspection.grantedScopes };
  if (inspection.claims) ctx.state.claims = inspection.claims;
  if (inspection.format === 'opaque' && m.introspection_endpoint) {
    try {
      const info = await oidc.tokenIntrospection(clientConfig(ctx), token);
      ctx.state.claims = { ...info } as Record<string, unknown>;
      evidence.introspection = info;
      if (!info.active) return fail(evidence, 'introspection says the token just issued is not active', undefined);
      if (typeof info.scope === 'string') {
        inspection.grantedScopes = info.scope.split(' ').filter(Boolean);
        // As for a JWT: introspection describes the access token, which rightly lacks the OpenID Connect scopes.
        const missing = ctx.state.requestedScopes.filter((s) => !inspection.grantedScopes!.includes(s) && !OIDC_SCOPES.has(s));
        if (missing.length) inspection.missingScopes = missing; else delete inspection.missingScopes;
      }
    } catch (error) {
      evidence.introspectionError = (error as Error).message;
    }
  }
  const problems = inspection.problems.filter((p) => !/expired|clock|future/.test(p));
  if (problems.length) return fail(evidence, problems.join('; '), 'The MCP server will refuse this token; check the IAM\'s signing keys and issuer/origin settings.');
  if (inspection.missingScopes?.length) {
    return warn(evidence, `the server granted fewer scopes than requested: missing ${inspection.missingScopes.join(' ')}`,
      'Add the missing scopes to the application in the IAM console (scope names: application:read, application:write, user:read, user:write).');
  }
  if (inspection.format === 'opaque' && !evidence.introspection) return warn(evidence, inspection.notes.join('; '));
  return pass(evidence);
}

export async function stepExpiry(ctx: VerifyContext): Promise<StepOutcome> {
  const response = ctx.state.tokenResponse;
  const inspection = ctx.state.inspection;
  if (!response) return skip('no access token');
  const evidence = { expires_in: response.expiresIn, expiresInByClaims: inspection?.expiresInSeconds, clockOffsetSeconds: inspection?.clockOffsetSeconds, serverDate: response.serverDate, localTime: new Date(ctx.deps.now()).toISOString() };
  const problems = inspection?.problems.filter((p) => /expired|clock|future/.test(p)) ?? [];
  if (problems.length) return fail(evidence, problems.join('; '), 'Fix the clock (NTP) on this machine or the server, or the token lifetime (Expire in hours) of the application.');
  if (response.expiresIn !== undefined && response.expiresIn <= 0) return fail(evidence, `expires_in is ${response.expiresIn}: the token is dead on arrival`, 'Set a positive token lifetime on the application.');
  // Under half a minute, a client's first call after sign-in can already carry an expired token.
  if (response.expiresIn !== undefined && response.expiresIn < 30) {
    return fail(evidence, `the token lives only ${response.expiresIn} s: clients will call with expired tokens`, 'Raise the application\'s token lifetime (Expire in hours) in the IAM console.');
  }
  if (response.expiresIn !== undefined && response.expiresIn < 300) return warn(evidence, `the token lives only ${response.expiresIn} s`, 'A short lifetime forces frequent refreshes; check the application\'s Expire in hours.');
  return pass(evidence);
}

export async function stepRefresh(ctx: VerifyContext): Promise<StepOutcome> {
  const refreshToken = ctx.secrets.refreshToken;
  if (!ctx.secrets.accessToken) return skip('no access token');
  if (!refreshToken) {
    return warn({ refreshToken: false }, 'the server issued no refresh token: every client must sign in again when the access token expires',
      'Enable the refresh_token grant type on the application (or request offline_access where the server needs it).');
  }
  try {
    const params: Record<string, string> = ctx.options.resource !== false ? { resource: ctx.options.url } : {};
    const tokens = await oidc.refreshTokenGrant(clientConfig(ctx), refreshToken, params);
    ctx.secrets.accessToken = tokens.access_token;
    ctx.secrets.issued.push({ token: tokens.access_token, hint: 'access_token' });
    const rotated = !!tokens.refresh_token && tokens.refresh_token !== refreshToken;
    if (tokens.refresh_token) {
      ctx.secrets.refreshToken = tokens.refresh_token;
      if (rotated) ctx.secrets.issued.push({ token: tokens.refresh_token, hint: 'refresh_token' });
    }
    const evidence = { newAccessToken: redactSecret(tokens.access_token), rotated, expires_in: tokens.expires_in, note: 'the MCP steps use the refreshed access token' };
    if (!rotated && ctx.state.identity?.authMethod === 'none') {
      // OAuth 2.1 §4.3.1: for public clients the server must rotate refresh tokens (or sender-constrain them).
      return warn(evidence, 'the server did not rotate the refresh token of a public client: a stolen refresh token stays usable (OAuth 2.1 §4.3.1)',
        'Enable refresh token rotation on the authorization server.');
    }
    return pass(evidence);
  } catch (error) {
    const e = error as Error & { error?: string; error_description?: string; status?: number };
    const { detail, answered } = oauthFailure(error, ctx.timeoutMs);
    const evidence = { status: e.status, error: e.error, error_description: e.error_description };
    if (!answered) return fail(evidence, `the token endpoint ${detail} on the refresh grant`, fixWith('Check that the token endpoint is reachable; allow a longer time limit for a slow server.', { action: 'run.raise-timeout' }));
    return fail(evidence, `the refresh grant failed: ${detail}`,
      /not supported|unsupported_grant_type/i.test(detail) ? 'Enable the refresh_token grant type on the application in the IAM console.'
        : 'Check the application\'s refresh token lifetime (Refresh token expire in hours; 0 means it dies with the access token).');
  }
}
