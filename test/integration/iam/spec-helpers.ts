/**
 * Test helpers for the spec profile: openid-client configuration against the loopback issuer,
 * and the plain-HTTP login (test/iam/login/http-login.ts) through the real login/consent forms.
 */
import * as client from 'openid-client';
import { loginWithHttp, type HttpLoginOptions } from '../../iam/login/http-login.js';
import type { EmulatorHandle } from '../../iam/types.js';

/** `fetchFn`: e.g. fetchTrusting(h.caPem) for the `tls` fault. */
export async function oidcConfig(h: EmulatorHandle, fetchFn?: typeof fetch): Promise<client.Configuration> {
  // openid-client@6 refuses http issuers unless allowed; loopback only (docs/architecture.md, Toolchain facts).
  const config = await client.discovery(new URL(h.issuer), h.clientId, undefined, client.None(), {
    execute: h.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
    ...(fetchFn ? { [client.customFetch]: fetchFn } : {}),
  });
  if (fetchFn) config[client.customFetch] = fetchFn;
  return config;
}

export interface StartedAuthorization { url: URL; verifier: string; state: string; redirectUri: string }

export async function startAuthorization(config: client.Configuration, params: { redirectUri: string; scope: string; resource?: string }): Promise<StartedAuthorization> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const p: Record<string, string> = {
    redirect_uri: params.redirectUri,
    scope: params.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  };
  if (params.resource) p.resource = params.resource;
  return { url: client.buildAuthorizationUrl(config, p), verifier, state, redirectUri: params.redirectUri };
}

/** loginWithHttp through the real forms (as the admin unless told), returning the redirect as a URL. */
export async function login(authorizationUrl: URL, options: Partial<HttpLoginOptions> & { fetch?: typeof fetch } = {}): Promise<URL> {
  const { callbackUrl } = await loginWithHttp(authorizationUrl.href, { username: 'admin', password: '123', ...options });
  return new URL(callbackUrl);
}

export interface Tokens { access_token: string; refresh_token?: string; expires_in?: number; scope?: string }

/** Login, code exchange (with state and iss checked by openid-client), returning the token response. */
export async function loginForTokens(h: EmulatorHandle, config: client.Configuration, scope: string, redirectUri = 'http://127.0.0.1:53682/callback', fetchFn: typeof fetch = fetch): Promise<Tokens> {
  const started = await startAuthorization(config, { redirectUri, scope, resource: h.mcpUrl });
  const callback = await login(started.url, { ...h.users.admin, fetch: fetchFn });
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state });
}

export function mcpPost(url: string, body: unknown, token?: string, extra: Record<string, string> = {}, fetchFn: typeof fetch = fetch): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetchFn(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
}

export const toolCall = (name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

export type Json = Record<string, unknown>;
export async function getJson(url: string, init?: RequestInit): Promise<Json> {
  return (await (await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })).json()) as Json;
}
