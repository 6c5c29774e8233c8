/**
 * Test helpers for the spec profile: openid-client configuration against the loopback issuer,
 * and a plain-HTTP walk through the real login/consent forms (cookie jar + form posts; no back
 * door around the authorize endpoint).
 */
import * as client from 'openid-client';
import type { EmulatorHandle } from '../../iam/types.js';

/** `fetchFn`: e.g. fetchTrusting(h.caPem) for the `tls` fault. */
export async function oidcConfig(h: EmulatorHandle, fetchFn?: typeof fetch): Promise<client.Configuration> {
  // openid-client@6 refuses http issuers unless allowed; loopback only (design.md toolchain facts).
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

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decodeEntities = (s: string): string => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

export class FormLoginError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

/** Follows the authorization URL through login and consent; returns the redirect to `redirectUri`. */
export interface FormLoginOptions { user?: string; password?: string; decision?: 'approve' | 'deny'; fetchFn?: typeof fetch }

export async function formLogin(authorizationUrl: URL, redirectUri: string, options: FormLoginOptions = {}): Promise<URL> {
  const { user = 'admin', password = '123', decision = 'approve', fetchFn = fetch } = options;
  const jar = new Map<string, string>();
  const target = new URL(redirectUri);
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetchFn(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin === target.origin && url.pathname === target.pathname) return url;
      init = {};
      continue;
    }
    const html = await res.text();
    const error = /<p class="error" id="error">([^<]*)<\/p>/.exec(html);
    if (error) throw new FormLoginError(decodeEntities(error[1] ?? ''), res.status);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    if (html.includes('name="username"')) {
      init = { method: 'POST', headers: form, body: new URLSearchParams({ username: user, password }).toString() };
    } else if (html.includes('id="approve"')) {
      init = { method: 'POST', headers: form, body: `decision=${decision}` };
    } else {
      throw new FormLoginError(`unexpected page (${res.status}) at ${url.href}`, res.status);
    }
  }
  throw new FormLoginError('too many hops', 0);
}

export interface Tokens { access_token: string; refresh_token?: string; expires_in?: number; scope?: string }

/** Login, code exchange (with state and iss checked by openid-client), returning the token response. */
export async function loginForTokens(h: EmulatorHandle, config: client.Configuration, scope: string, redirectUri = 'http://127.0.0.1:53682/callback', fetchFn: typeof fetch = fetch): Promise<Tokens> {
  const started = await startAuthorization(config, { redirectUri, scope, resource: h.mcpUrl });
  const callback = await formLogin(started.url, redirectUri, { fetchFn });
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
