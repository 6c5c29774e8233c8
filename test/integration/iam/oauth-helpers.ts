/**
 * Test-side OAuth client steps, done with openid-client (not the emulator's own code), with the
 * browser step through loginWithHttp (real HTML forms).
 */
import * as client from 'openid-client';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle } from '../../iam/types.js';

export async function discover(emulator: EmulatorHandle): Promise<client.Configuration> {
  return client.discovery(new URL(emulator.issuer), emulator.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
}

export interface AuthorizeOptions {
  scope?: string;
  redirectUri?: string;
  user?: { username: string; password: string };
  extra?: Record<string, string>;
}

export async function authorizationUrl(config: client.Configuration, options: AuthorizeOptions = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri ?? 'http://127.0.0.1:49152/callback', scope: options.scope ?? 'openid profile read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...options.extra,
  });
  return { url, verifier, state };
}

/** Login through the forms, then exchange the code: the tokens openid-client received. */
export async function login(emulator: EmulatorHandle, options: AuthorizeOptions = {}) {
  const config = await discover(emulator);
  const { url, verifier, state } = await authorizationUrl(config, options);
  const { callbackUrl } = await loginWithHttp(url.href, options.user ?? emulator.users.admin);
  const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens, callbackUrl };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary JSON
type RpcJson = Record<string, any>;

function parseJson(text: string): RpcJson | undefined {
  try {
    return JSON.parse(text) as RpcJson;
  } catch {
    return undefined;
  }
}

/** Raw JSON-RPC POST, for checking exact status codes, headers and bodies. */
export async function rpc(url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

export const callBody = (name: string, args: Record<string, unknown>, id = 1) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** Logs in through the forms and returns the authorization code without redeeming it. */
export async function codeFor(emulator: EmulatorHandle, options: AuthorizeOptions = {}) {
  const config = await discover(emulator);
  const { url, verifier } = await authorizationUrl(config, options);
  const { callbackUrl } = await loginWithHttp(url.href, options.user ?? emulator.users.admin);
  const code = new URL(callbackUrl).searchParams.get('code') ?? '';
  return { config, code, verifier, tokenEndpoint: config.serverMetadata().token_endpoint ?? '' };
}

/** Raw token-endpoint POST, for exact status and error strings. */
export async function postToken(tokenEndpoint: string, form: Record<string, string>) {
  const response = await fetch(tokenEndpoint, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
