/**
 * Profile `hanzo-v1`: the newer Hanzo IAM (server shape C, docs/iam-facts.md). MCP at `/mcp`, OAuth under
 * `/v1/iam/oauth/{authorize,token,introspect,revoke,userinfo,logout}` (+ `register` when
 * `dcr=on`), discovery on both well-known names, RFC 9728 metadata at the root and at the
 * path-inserted name. Authorize errors are HTTP 400 plain text `authorization error: ...`;
 * access tokens live 1 h by default.
 */
import type { Faults } from '../types.js';
import { handleAuthorize, type AuthorizeParams, type AuthorizeRules } from '../core/authorize.js';
import { applyCors } from '../core/cors.js';
import { handleIntrospect, handleJwks, handleRegister, handleRevoke, handleUserinfo } from '../core/endpoints.js';
import { sendJson, sendText, type Req, type Res } from '../core/http-util.js';
import { requestOrigin } from '../core/mcp-common.js';
import { hanzoRedirectAllowed } from '../core/redirect-match.js';
import { startProfile, type ProfileServer } from '../core/server.js';
import { advertised, findApp, scopeOutsideApp, type EmulatorState } from '../core/state.js';
import { handleToken } from '../core/token-endpoint.js';
import { handleHanzoMcp, hanzoNotFound } from './mcp.js';

export const HANZO_MCP_PATH = '/mcp';
const OAUTH = '/v1/iam/oauth';

export function hanzoDiscovery(origin: string, dcr: boolean): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}${OAUTH}/authorize`,
    token_endpoint: `${origin}${OAUTH}/token`,
    userinfo_endpoint: `${origin}${OAUTH}/userinfo`,
    introspection_endpoint: `${origin}${OAUTH}/introspect`,
    revocation_endpoint: `${origin}${OAUTH}/revoke`,
    end_session_endpoint: `${origin}${OAUTH}/logout`,
    jwks_uri: `${origin}/.well-known/jwks`,
    ...(dcr ? { registration_endpoint: `${origin}${OAUTH}/register` } : {}),
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access', 'read', 'write', 'admin', 'application:read', 'application:write'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

const authError = (what: string) => ({ error: `authorization error: ${what}` });

const rules: AuthorizeRules = {
  sessionCookie: 'iam_session',
  check(state: EmulatorState, p: AuthorizeParams) {
    const app = findApp(state, p.clientId);
    if (!app) return authError('unknown client_id');
    if (!hanzoRedirectAllowed(p.redirectUri, app.redirectUris, state.faults.redirectStrict === true)) return authError('invalid redirect_uri');
    if (p.responseType !== 'code') return authError('unsupported response_type');
    if (app.clientSecret === '' && p.codeChallenge === '') return authError('PKCE is required for public clients');
    if (p.codeChallenge !== '' && p.codeChallengeMethod !== 'S256') return authError('only S256 PKCE is supported');
    if (scopeOutsideApp(app, p.scope)) return authError('Invalid scope');
    return { app };
  },
  checkAtSignIn: () => undefined,
  renderError: (res, message) => sendText(res, 400, message),
};

async function route(req: Req, res: Res, url: URL, state: EmulatorState): Promise<void> {
  const path = url.pathname;
  const mcpPath = state.faults.mcpPath ?? HANZO_MCP_PATH;
  // CORS rules are not in the facts for shape C: same origin rule as Casdoor, but the headers a
  // browser MCP client needs are allowed and WWW-Authenticate is exposed (MCP spec 2025-11-25).
  const cors = { allowHeaders: ['Content-Type', 'Authorization', 'Mcp-Protocol-Version', 'Mcp-Session-Id'], exposeHeaders: ['WWW-Authenticate', 'Mcp-Session-Id'], anyOriginPaths: [`${OAUTH}/token`, `${OAUTH}/userinfo`] };
  if (applyCors(req, res, path, state, cors)) return;
  const origin = requestOrigin(req, state);
  switch (path) {
    case '/.well-known/openid-configuration':
    case '/.well-known/oauth-authorization-server':
      return sendJson(res, 200, advertised(hanzoDiscovery(origin, state.faults.dcr === true), state.faults));
    case '/.well-known/oauth-protected-resource':
    case `/.well-known/oauth-protected-resource${mcpPath}`:
      return sendJson(res, 200, {
        resource: `${origin}${mcpPath}`, authorization_servers: [origin], bearer_methods_supported: ['header'],
        scopes_supported: ['openid', 'profile', 'email', 'read', 'write', 'admin', 'application:read', 'application:write'],
      });
    case '/.well-known/jwks':
      return handleJwks(res, state);
    case `${OAUTH}/authorize`:
      return handleAuthorize(req, res, url, state, rules);
    case `${OAUTH}/token`:
      return handleToken(req, res, state, { recheckRedirectUri: true });
    case `${OAUTH}/userinfo`:
      return handleUserinfo(req, res, state);
    case `${OAUTH}/introspect`:
      return handleIntrospect(req, res, state);
    case `${OAUTH}/revoke`:
      return handleRevoke(req, res, state);
    case `${OAUTH}/logout`:
      res.writeHead(200, { 'Set-Cookie': 'iam_session=; Path=/; Max-Age=0', 'Content-Length': 0 });
      return void res.end();
    case `${OAUTH}/register`:
      if (!state.faults.dcr) return hanzoNotFound(res);
      return handleRegister(req, res, state);
    case mcpPath:
      return handleHanzoMcp(req, res, state, mcpPath);
    default:
      return hanzoNotFound(res);
  }
}

export async function startHanzoV1(port: number, faults: Faults): Promise<ProfileServer> {
  return startProfile(port, faults, 1, route);
}
