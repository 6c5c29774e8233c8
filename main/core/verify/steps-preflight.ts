/**
 * The authorization request tried once without a browser, before anyone signs in: does the
 * server know the client id, accept the redirect URI, and answer at all? Casdoor-shaped servers
 * are asked through their API (`/api/get-app-login`), others get the authorization URL itself
 * with redirects not followed (oauth/authorize-verdict.ts). A 5xx is a server failure, not a
 * refusal; when the request carried the RFC 8707 `resource` it is tried once without it, so the
 * finding can name the parameter the server chokes on.
 */
import * as oidc from 'openid-client';
import type { HttpExchange } from '../http/exchange.js';
import { casdoorVerdict, serverSaid, standardVerdict, type AuthorizeVerdict } from '../oauth/authorize-verdict.js';
import type { VerifyContext } from './context.js';
import { serverShape } from '../server-facts.js';
import { clientConfig } from './steps-oauth.js';

export interface Preflight {
  verdict: AuthorizeVerdict;
  /** How the server was asked. */
  method: 'GET /api/get-app-login' | 'GET authorization_endpoint';
  status?: number;
  /** The server's own words (Casdoor's msg, an error page's text). */
  said?: string;
  /** Set when the first answer was a 5xx with `resource` and the retry without it was not. */
  resourceRefused?: { status: number; said?: string };
  /** A network failure (no answer). */
  networkError?: string;
}

/** Whether this run sends RFC 8707 `resource` (the option, unless the preflight found the server fails on it). */
export function sendsResource(ctx: VerifyContext): boolean {
  return ctx.options.resource !== false && !ctx.state.preflight?.resourceRefused;
}

async function askCasdoor(ctx: VerifyContext, redirectUri: string, scope: string, challenge: string): Promise<{ verdict: AuthorizeVerdict; ex: HttpExchange } | undefined> {
  const origin = new URL(ctx.state.as!.metadata!.authorization_endpoint).origin;
  const q = { clientId: ctx.state.identity!.clientId, responseType: 'code', redirectUri, type: 'code', scope, state: oidc.randomState(), nonce: '', codeChallengeMethod: 'S256', codeChallenge: challenge };
  const ex = await ctx.http({ url: `${origin}/api/get-app-login?${new URLSearchParams(q)}`, headers: { accept: 'application/json' } });
  const verdict = casdoorVerdict(ex);
  return verdict ? { verdict, ex } : undefined;
}

async function askEndpoint(ctx: VerifyContext, redirectUri: string, scope: string, challenge: string, withResource: boolean): Promise<{ verdict: AuthorizeVerdict; ex: HttpExchange }> {
  const params: Record<string, string> = { redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: oidc.randomState() };
  if (scope) params.scope = scope;
  if (withResource) params.resource = ctx.options.url;
  const url = oidc.buildAuthorizationUrl(clientConfig(ctx), params).toString();
  const ex = await ctx.http({ url, headers: { accept: 'text/html,application/json' } });
  return { verdict: standardVerdict(ex), ex };
}

function describe(verdict: AuthorizeVerdict, method: Preflight['method'], ex: HttpExchange): Preflight {
  const said = serverSaid(ex);
  return {
    verdict, method, ...(ex.response ? { status: ex.response.status } : {}), ...(said ? { said } : {}),
    ...(ex.error ? { networkError: `${ex.error.code}: ${ex.error.message}` } : {}),
  };
}

/**
 * Runs the preflight and keeps it in ctx.state.preflight. Only a definite answer acts on the
 * run (refused, unknown client, server error); anything else leaves the verdict to the browser.
 */
export async function preflightAuthorize(ctx: VerifyContext, redirectUri: string): Promise<Preflight> {
  const scope = ctx.state.requestedScopes.join(' ');
  const challenge = await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
  const withResource = ctx.options.resource !== false;
  const casdoor = await askCasdoor(ctx, redirectUri, scope, challenge);
  let result: Preflight;
  if (casdoor && casdoor.verdict !== 'accepted') result = describe(casdoor.verdict, 'GET /api/get-app-login', casdoor.ex);
  else if (!casdoor && !serverShape(ctx.state.as?.metadata)) {
    // A server of no known shape gets no extra authorization request: some count them (an MCP
    // client's second request must carry stepped-up scopes), so its answer is left to the browser.
    result = { verdict: 'unclear', method: 'GET authorization_endpoint' };
  } else {
    const first = await askEndpoint(ctx, redirectUri, scope, challenge, withResource);
    result = describe(casdoor && first.verdict !== 'server-error' ? 'accepted' : first.verdict, 'GET authorization_endpoint', first.ex);
    if (first.verdict === 'server-error' && withResource) {
      const again = await askEndpoint(ctx, redirectUri, scope, challenge, false);
      if (again.verdict !== 'server-error') {
        result = { ...describe(casdoor ? 'accepted' : again.verdict, 'GET authorization_endpoint', again.ex), resourceRefused: { status: first.ex.response!.status, ...(result.said ? { said: result.said } : {}) } };
      }
    }
  }
  ctx.state.preflight = result;
  return result;
}
