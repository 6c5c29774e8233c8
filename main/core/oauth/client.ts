/**
 * The OAuth client the verifier acts as: an openid-client Configuration over metadata we already
 * discovered (so discovery evidence stays ours), the token-endpoint auth method chosen from what
 * the server supports (RFC 8414 §2 token_endpoint_auth_methods_supported), and dynamic client
 * registration (RFC 7591) when the server offers it and no client id was given.
 */
import * as oidc from 'openid-client';
import type { FetchLike } from '../http/exchange.js';
import type { AuthorizationServerMetadata, Http } from './discovery.js';
import { isLoopbackHost } from '../server-facts.js';

export interface ClientIdentity {
  clientId: string;
  clientSecret?: string;
  /** RFC 7591 §2 value; decides how the token endpoint is authenticated. */
  authMethod: 'none' | 'client_secret_basic' | 'client_secret_post';
  source: 'given' | 'registered' | 'metadata-document';
}

export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}

/** With a secret: basic unless only post is offered (RFC 8414 §2 default is basic). Without: none. */
export function chooseAuthMethod(metadata: AuthorizationServerMetadata, hasSecret: boolean): ClientIdentity['authMethod'] {
  const supported = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (!hasSecret) return 'none';
  if (supported.includes('client_secret_basic')) return 'client_secret_basic';
  if (supported.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

/** application/x-www-form-urlencoded as WHATWG URLSearchParams writes it. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * RFC 6749 §2.3.1 client_secret_basic. openid-client also percent-encodes unreserved characters
 * such as "-", which servers that do not form-decode the credentials (the MCP conformance mock
 * among them) then reject; WHATWG form encoding leaves them as they are, and decoders agree.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): oidc.ClientAuth {
  return (_as, _client, _body, headers) => {
    headers.set('authorization', `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`);
  };
}

/**
 * An openid-client Configuration. Plain-HTTP issuers are allowed only on loopback hosts
 * (docs/architecture.md, Toolchain facts); every request goes through `fetch` (the --ca aware one).
 */
export function buildClientConfig(metadata: AuthorizationServerMetadata, identity: ClientIdentity, fetch: FetchLike, clockSkewSeconds = 0): oidc.Configuration {
  const auth = identity.authMethod === 'client_secret_post' ? oidc.ClientSecretPost(identity.clientSecret)
    : identity.authMethod === 'client_secret_basic' ? clientSecretBasic(identity.clientId, identity.clientSecret ?? '')
      : oidc.None();
  // clockSkew = server time - local time, seconds: JWT time checks then run on the server's clock.
  const clientMetadata = clockSkewSeconds ? { [oidc.clockSkew]: clockSkewSeconds } : undefined;
  const config = new oidc.Configuration(metadata as oidc.ServerMetadata, identity.clientId, clientMetadata, auth);
  config[oidc.customFetch] = ((url: string, options: RequestInit) => fetch(url, options)) as never;
  const endpoints = [metadata.issuer, metadata.token_endpoint, metadata.authorization_endpoint];
  if (endpoints.some((u) => u.startsWith('http:')) && endpoints.every((u) => !u.startsWith('http:') || isLoopbackUrl(u))) {
    oidc.allowInsecureRequests(config);
  }
  return config;
}

export interface RegistrationResult {
  identity?: ClientIdentity;
  status?: number;
  problem?: string;
}

/** RFC 7591 §3.1 registration of a native public client for `redirectUri`. */
export async function registerClient(http: Http, metadata: AuthorizationServerMetadata, redirectUri: string, scope: string | undefined): Promise<RegistrationResult> {
  const endpoint = metadata.registration_endpoint;
  if (!endpoint) return { problem: 'the server offers no registration_endpoint' };
  const supported = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const requested = supported.includes('none') ? 'none' : supported.includes('client_secret_basic') ? 'client_secret_basic' : (supported[0] ?? 'client_secret_basic');
  const body = {
    client_name: 'IAM MCP Helper (verify)',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: requested,
    application_type: 'native',
    ...(scope ? { scope } : {}),
  };
  const exchange = await http({ url: endpoint, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  if (exchange.error) return { problem: `${exchange.error.code}: ${exchange.error.message}` };
  const status = exchange.response?.status ?? 0;
  let doc: Record<string, unknown> = {};
  try {
    doc = JSON.parse(exchange.response?.body ?? '') as Record<string, unknown>;
  } catch { /* judged below */ }
  if (status !== 201 && status !== 200) {
    const detail = typeof doc.error_description === 'string' ? doc.error_description : (typeof doc.msg === 'string' ? doc.msg : exchange.response?.body.slice(0, 200));
    return { status, problem: `registration refused (HTTP ${status}): ${detail ?? ''}` };
  }
  if (typeof doc.client_id !== 'string') return { status, problem: 'registration answer has no client_id' };
  const secret = typeof doc.client_secret === 'string' ? doc.client_secret : undefined;
  const method = typeof doc.token_endpoint_auth_method === 'string' ? doc.token_endpoint_auth_method : undefined;
  const authMethod = method === 'none' || method === 'client_secret_post' || method === 'client_secret_basic'
    ? method : chooseAuthMethod(metadata, secret !== undefined);
  return { status, identity: { clientId: doc.client_id, authMethod, source: 'registered', ...(secret ? { clientSecret: secret } : {}) } };
}
