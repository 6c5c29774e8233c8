/**
 * The token endpoint (RFC 6749 §3.2) with Casdoor's error strings (docs/iam-facts.md, "Token endpoint
 * errors"): HTTP 400 `{error, error_description}`, except 401 for a public client that sent
 * neither PKCE nor a secret. Refresh tokens rotate (RFC 9700 §4.14.2).
 */
import { requestOrigin } from './mcp-common.js';
import { clientCredentials, readForm, sendJson, type Req, type Res } from './http-util.js';
import { findApp, findUser, lookupRefreshToken, now, scopeOutsideApp, type EmulatorState } from './state.js';
import { issueTokens, s256, verifyRefreshJwt } from './tokens.js';

export interface TokenRules {
  /** hanzo-v1 re-checks redirect_uri at the token endpoint (RFC 6749 §4.1.3); Casdoor does not (docs/iam-facts.md). */
  recheckRedirectUri: boolean;
}

class TokenError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(description);
  }
}

const fail = (error: string, description: string, status = 400): never => {
  throw new TokenError(status, error, description);
};

export async function handleToken(req: Req, res: Res, state: EmulatorState, rules: TokenRules): Promise<void> {
  const form = await readForm(req);
  try {
    const body = await grant(req, form, state, rules);
    sendJson(res, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    sendJson(res, error.status, { error: error.error, error_description: error.description }, { 'Cache-Control': 'no-store' });
  }
}

async function grant(req: Req, form: Record<string, string>, state: EmulatorState, rules: TokenRules) {
  const grantType = form.grant_type ?? '';
  const issuer = requestOrigin(req, state);
  const { clientId, clientSecret } = clientCredentials(req, form);
  const app = findApp(state, clientId) ?? fail('invalid_client', `client_id: ${clientId} is invalid`);
  if (!app.grantTypes.includes(grantType)) fail('unsupported_grant_type', `grant_type: ${grantType} is not supported in this application`);

  if (grantType === 'authorization_code') {
    const codeValue = form.code ?? '';
    const code = state.codes.get(codeValue);
    if (!code || code.clientId !== app.clientId) return fail('invalid_grant', `authorization code: [${codeValue}] is invalid`);
    if (code.usedForToken) fail('invalid_grant', `authorization code has been used for token: [${code.usedForToken}]`);
    if (now(state) > code.expiresAt) fail('invalid_grant', 'authorization code has expired');
    const secretOk = app.clientSecret !== '' && clientSecret === app.clientSecret;
    if (!secretOk && code.codeChallenge === '') fail('invalid_client', `client_secret is invalid for application: ${app.owner}/${app.name}`, 401);
    if (code.codeChallenge !== '' && s256(form.code_verifier ?? '') !== code.codeChallenge) {
      fail('invalid_grant', 'verifier is invalid, the code_verifier does not match the code_challenge');
    }
    if (rules.recheckRedirectUri && (form.redirect_uri ?? '') !== code.redirectUri) fail('invalid_grant', 'redirect_uri does not match the authorization request');
    const user = findUser(state, code.username) ?? fail('invalid_grant', 'user not found');
    const tokens = await issueTokens(state, app, user, { scope: code.scope, resource: code.resource, nonce: code.nonce, issuer });
    code.usedForToken = tokens.access_token.slice(-16);
    return tokens;
  }

  // refresh_token (the only other grant an app can list here). As Casdoor's RefreshToken
  // (object/token_oauth.go): the stored token first (revoked, rotated away, `revoke-all` ->
  // "invalid or revoked"), then the JWT itself (signature, exp -> "refresh token is expired").
  const refreshToken = form.refresh_token ?? '';
  const record = lookupRefreshToken(state, refreshToken);
  if (!record || record.clientId !== app.clientId) return fail('invalid_grant', 'refresh token is invalid or revoked');
  const verdict = await verifyRefreshJwt(state, refreshToken);
  if (verdict === 'invalid') fail('invalid_grant', 'refresh token is invalid or revoked');
  if (verdict === 'expired') fail('invalid_grant', 'refresh token is expired');
  const scope = form.scope ?? record.scope;
  if (scopeOutsideApp(app, scope)) fail('invalid_scope', 'Invalid scope');
  const user = findUser(state, record.username) ?? fail('invalid_grant', 'refresh token is invalid or revoked');
  record.revoked = true;
  return issueTokens(state, app, user, { scope, resource: record.aud[0] === app.clientId ? undefined : record.aud[0], nonce: undefined, issuer });
}
