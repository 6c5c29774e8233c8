/**
 * Asks a server, without signing in, whether it accepts a redirect URI for a client (RFC 6749
 * §4.1.2.1: an invalid redirect_uri is reported to the user agent, not redirected). Casdoor-shaped
 * servers answer their API `GET /api/get-app-login`; others the authorization request itself
 * (docs/iam-facts.md, "Redirect URIs"). The request carries a fresh S256 challenge and state, like
 * a real sign-in would, and nothing is followed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { httpExchange, type FetchLike, type HttpExchange } from '../http/exchange.js';
import { casdoorVerdict, standardVerdict, type AuthorizeVerdict } from './authorize-verdict.js';

export interface AuthorizeProbeInput {
  fetch: FetchLike;
  /** The MCP server's origin (Casdoor's API lives there). */
  origin: string;
  /** The authorization server's `authorization_endpoint` (RFC 8414). */
  authorizationEndpoint: string;
  clientId: string;
  scope: string;
  uri: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface AuthorizeProbe { uri: string; verdict: AuthorizeVerdict; exchange: HttpExchange }

export async function probeAuthorize(input: AuthorizeProbeInput, casdoor: boolean): Promise<AuthorizeProbe> {
  const challenge = createHash('sha256').update(randomBytes(32)).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const { clientId, scope, uri } = input;
  const authz = input.authorizationEndpoint;
  const url = casdoor
    ? `${input.origin}/api/get-app-login?${new URLSearchParams({ clientId, responseType: 'code', redirectUri: uri, type: 'code', scope, state, nonce: '', codeChallengeMethod: 'S256', codeChallenge: challenge })}`
    : `${authz}${authz.includes('?') ? '&' : '?'}${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: uri, scope, state, code_challenge: challenge, code_challenge_method: 'S256' })}`;
  const exchange = await httpExchange(input.fetch, { url, timeoutMs: input.timeoutMs, ...(input.signal ? { signal: input.signal } : {}), headers: { accept: casdoor ? 'application/json' : 'text/html,application/json' } });
  const verdict = casdoor ? casdoorVerdict(exchange) ?? 'unclear' : standardVerdict(exchange);
  return { uri, verdict, exchange };
}

/** Casdoor's API first; when the server is not Casdoor-shaped, the authorization request. Also says which way was used. */
export async function probeAuthorizeAnyShape(input: AuthorizeProbeInput): Promise<AuthorizeProbe & { casdoor: boolean }> {
  const first = await probeAuthorize(input, true);
  const casdoor = casdoorVerdict(first.exchange) !== undefined;
  return { ...(casdoor ? first : await probeAuthorize(input, false)), casdoor };
}
