/**
 * Endpoints both profiles share, at profile-specific paths: JWKS, userinfo (OIDC Core §5.3),
 * introspection (RFC 7662), revocation (RFC 7009) and dynamic client registration (RFC 7591,
 * off unless fault `dcr=on`).
 */
import { checkAccessToken, requestOrigin } from './mcp-common.js';
import { bearerToken, readForm, readBody, sendJson, type Req, type Res } from './http-util.js';
import { findUser, lookupAccessToken, lookupRefreshToken, now, randomId, type EmulatorState } from './state.js';

export function handleJwks(res: Res, state: EmulatorState): void {
  sendJson(res, 200, { keys: [state.keys.jwk] });
}

export function handleUserinfo(req: Req, res: Res, state: EmulatorState): void {
  const check = checkAccessToken(state, bearerToken(req));
  if (!check.ok) {
    // RFC 6750 §3.1
    sendJson(res, 401, { error: 'invalid_token', error_description: check.data }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    return;
  }
  const { user, record } = check;
  sendJson(res, 200, {
    sub: `${user.owner}/${user.username}`, iss: requestOrigin(req, state), aud: record.clientId, preferred_username: user.username,
    name: user.displayName, email: user.email, email_verified: true, groups: [], is_admin: user.isAdmin,
  });
}

export async function handleIntrospect(req: Req, res: Res, state: EmulatorState): Promise<void> {
  const form = await readForm(req);
  const token = form.token ?? '';
  const access = lookupAccessToken(state, token);
  const refresh = access ? undefined : lookupRefreshToken(state, token);
  const record = access ?? refresh;
  if (!record || now(state) >= record.expiresAt) return sendJson(res, 200, { active: false });
  sendJson(res, 200, {
    active: true, scope: record.scope, client_id: record.clientId, username: record.username,
    token_type: access ? 'Bearer' : 'refresh_token', exp: Math.floor(record.expiresAt / 1000),
    sub: `${findUser(state, record.username)?.owner ?? 'built-in'}/${record.username}`, aud: record.aud, iss: state.issuer,
  });
}

/** RFC 7009 §2.2: 200 whether or not the token existed. */
export async function handleRevoke(req: Req, res: Res, state: EmulatorState): Promise<void> {
  const form = await readForm(req);
  const token = form.token ?? '';
  const access = state.accessTokens.get(token);
  if (access) {
    state.accessTokens.delete(token);
  }
  const refresh = state.refreshTokens.get(token);
  if (refresh) refresh.revoked = true;
  res.writeHead(200, { 'Content-Length': 0 });
  res.end();
}

export async function handleRegister(req: Req, res: Res, state: EmulatorState): Promise<void> {
  if (!state.faults.dcr) {
    sendJson(res, 403, { error: 'access_denied', error_description: 'dynamic client registration is disabled for this organization' });
    return;
  }
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(await readBody(req)) as Record<string, unknown>;
  } catch {
    return sendJson(res, 400, { error: 'invalid_client_metadata', error_description: 'request body is not JSON' });
  }
  const redirectUris = Array.isArray(meta.redirect_uris) ? meta.redirect_uris.map(String) : [];
  if (redirectUris.length === 0) return sendJson(res, 400, { error: 'invalid_redirect_uri', error_description: 'redirect_uris is required' });
  const clientId = `dcr-${randomId(9)}`;
  const grantTypes = Array.isArray(meta.grant_types) ? meta.grant_types.map(String) : ['authorization_code', 'refresh_token'];
  const name = typeof meta.client_name === 'string' ? meta.client_name : clientId;
  state.apps.push({
    owner: 'admin', name: clientId, displayName: name, clientId, clientSecret: '', organization: 'built-in', category: 'Default', type: '',
    grantTypes, tokenFormat: 'JWT', redirectUris, scopes: [], expireInHours: state.defaultExpireInHours, refreshExpireInHours: 168,
  });
  sendJson(res, 201, {
    client_id: clientId, client_id_issued_at: Math.floor(now(state) / 1000), client_name: name, redirect_uris: redirectUris,
    grant_types: grantTypes, response_types: ['code'], token_endpoint_auth_method: 'none',
  });
}
