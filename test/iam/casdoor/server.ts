/**
 * Profile `casdoor`: the Casdoor-shaped Hanzo IAM (server shape A/B, docs/iam-facts.md). Paths:
 *   /.well-known/openid-configuration = /.well-known/oauth-authorization-server (same document),
 *   /.well-known/oauth-protected-resource, /.well-known/jwks, /login/oauth/authorize (web page),
 *   /api/get-app-login, /api/login/oauth/access_token, /api/userinfo, /api/login/oauth/introspect,
 *   /login/oauth/revoke (the Hanzo addition), /api/oauth/register, POST /api/mcp.
 * Shape B's rewrite of /v1/iam/X to /api/X is honoured too.
 */
import type { Faults } from '../types.js';
import { handleAuthorize, type AuthorizeParams, type AuthorizeRules } from '../core/authorize.js';
import { applyCors } from '../core/cors.js';
import { handleIntrospect, handleJwks, handleRegister, handleRevoke, handleUserinfo } from '../core/endpoints.js';
import { sendHtml, sendJson, sendText, type Req, type Res } from '../core/http-util.js';
import { requestOrigin } from '../core/mcp-common.js';
import { errorPage } from '../core/pages.js';
import { casdoorRedirectAllowed } from '../core/redirect-match.js';
import { startProfile, type ProfileServer } from '../core/server.js';
import { advertised, findApp, scopeOutsideApp, type EmulatorState } from '../core/state.js';
import { handleToken } from '../core/token-endpoint.js';
import { handleCasdoorMcp } from './mcp.js';

export const CASDOOR_MCP_PATH = '/api/mcp';
const TOKEN_PATH = '/api/login/oauth/access_token';
const USERINFO_PATH = '/api/userinfo';
/** Hanzo IAM's realm; plain Casdoor sends realm="casdoor" (docs/iam-facts.md). */
const REALM = 'iam';

export function casdoorDiscovery(origin: string): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/login/oauth/authorize`,
    token_endpoint: `${origin}${TOKEN_PATH}`,
    userinfo_endpoint: `${origin}${USERINFO_PATH}`,
    jwks_uri: `${origin}/.well-known/jwks`,
    introspection_endpoint: `${origin}/api/login/oauth/introspect`,
    registration_endpoint: `${origin}/api/oauth/register`,
    revocation_endpoint: `${origin}/login/oauth/revoke`,
    end_session_endpoint: `${origin}/api/logout`,
    response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ['password', 'authorization_code', 'refresh_token', 'client_credentials', 'token', 'urn:ietf:params:oauth:grant-type:device_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'address', 'phone', 'offline_access'],
    claims_supported: ['iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'id', 'type', 'displayName', 'avatar', 'permanentAvatar', 'email', 'phone', 'location', 'affiliation', 'title', 'homepage', 'bio', 'tag', 'region', 'language', 'score', 'ranking', 'isOnline', 'isAdmin', 'isForbidden', 'signupApplication', 'ldap'],
    request_parameter_supported: true,
    request_object_signing_alg_values_supported: ['HS256', 'HS384', 'HS512'],
    code_challenge_methods_supported: ['S256'],
  };
}

const rules: AuthorizeRules = {
  sessionCookie: 'casdoor_session_id',
  check(state: EmulatorState, p: AuthorizeParams) {
    const app = findApp(state, p.clientId);
    if (!app) return { error: `Invalid client_id` };
    if (p.responseType !== 'code') return { error: `Grant_type: ${p.responseType} is not supported in this application` };
    if (!casdoorRedirectAllowed(p.redirectUri, app.redirectUris, state.faults.redirectStrict === true)) {
      return { error: `Redirect URI: ${p.redirectUri} doesn't exist in the allowed Redirect URI list` };
    }
    if (scopeOutsideApp(app, p.scope)) return { error: 'Invalid scope' };
    return { app };
  },
  // Casdoor checks the method when it issues the code (controllers/auth.go HandleLoggedIn):
  // anything but S256, "null" or absent is refused, challenge or not. An absent method is not
  // read as RFC 7636 "plain": the token endpoint compares S256(verifier) all the same.
  checkAtSignIn: (p) => (['S256', 'null', ''].includes(p.codeChallengeMethod) ? undefined : 'Challenge method should be S256'),
  renderError: (res, message) => sendHtml(res, 200, errorPage(message)),
};

async function route(req: Req, res: Res, url: URL, state: EmulatorState): Promise<void> {
  // Shape B rewrites /v1/iam/X to /api/X.
  const path = url.pathname.startsWith('/v1/iam/') ? `/api/${url.pathname.slice('/v1/iam/'.length)}` : url.pathname;
  if (applyCors(req, res, path, state, { allowHeaders: ['Content-Type', 'Authorization'], exposeHeaders: [], anyOriginPaths: [TOKEN_PATH, USERINFO_PATH] })) return;
  const origin = requestOrigin(req, state);
  const mcpPath = state.faults.mcpPath ?? CASDOOR_MCP_PATH;
  switch (path) {
    case '/.well-known/openid-configuration':
    case '/.well-known/oauth-authorization-server':
      return sendJson(res, 200, advertised(casdoorDiscovery(origin), state.faults));
    case '/.well-known/oauth-protected-resource':
      return sendJson(res, 200, {
        resource: `${origin}${mcpPath}`, authorization_servers: [origin], bearer_methods_supported: ['header'],
        scopes_supported: ['openid', 'profile', 'email', 'read', 'write'],
      });
    case '/.well-known/jwks':
      return handleJwks(res, state);
    case '/login/oauth/authorize':
      return handleAuthorize(req, res, url, state, rules);
    case '/api/get-app-login': {
      const q = url.searchParams;
      const checked = rules.check(state, {
        clientId: q.get('clientId') ?? '', responseType: q.get('responseType') ?? '', redirectUri: q.get('redirectUri') ?? '',
        scope: q.get('scope') ?? '', state: q.get('state') ?? '', codeChallenge: '', codeChallengeMethod: '', nonce: undefined, resource: undefined,
      });
      if ('error' in checked) return sendJson(res, 200, { status: 'error', msg: checked.error, data: null });
      const { name, displayName, organization, category, type } = checked.app;
      return sendJson(res, 200, { status: 'ok', msg: '', data: { owner: checked.app.owner, name, displayName, organization, category, type } });
    }
    case TOKEN_PATH:
      return handleToken(req, res, state, { recheckRedirectUri: false });
    case USERINFO_PATH:
      return handleUserinfo(req, res, state);
    case '/api/login/oauth/introspect':
      return handleIntrospect(req, res, state);
    case '/login/oauth/revoke':
      return handleRevoke(req, res, state);
    case '/api/oauth/register':
      return handleRegister(req, res, state);
    case mcpPath:
      return handleCasdoorMcp(req, res, state, { realm: REALM });
    default:
      return sendText(res, 404, '404 page not found');
  }
}

export async function startCasdoor(port: number, faults: Faults): Promise<ProfileServer> {
  return startProfile(port, faults, 168, route);
}
