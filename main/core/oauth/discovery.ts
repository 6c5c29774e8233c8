/**
 * Discovery per MCP authorization spec 2025-11-25 §"Authorization Server Discovery":
 * protected-resource metadata (RFC 9728) from the challenge's `resource_metadata`, else the
 * path-suffixed well-known URI, else the root one; then authorization-server metadata in the
 * spec's order (RFC 8414 path-inserted, OIDC Discovery path-inserted, OIDC path-appended; the
 * order is the MCP SDK's `buildDiscoveryUrls`). Every attempt is recorded; a failed attempt with a
 * fallback left is evidence, not the end.
 */
import { buildDiscoveryUrls } from '@modelcontextprotocol/sdk/client/auth.js';
import { OAuthProtectedResourceMetadataSchema } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { HttpExchange, HttpRequest } from '../http/exchange.js';

export type Http = (req: HttpRequest) => Promise<HttpExchange>;

export interface DiscoveryAttempt {
  url: string;
  kind: 'prm' | 'oauth' | 'oidc';
  ok: boolean;
  status?: number;
  problem?: string;
}

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  scopes_supported?: string[];
  bearer_methods_supported?: string[];
  [key: string]: unknown;
}

/** RFC 8414 §2 metadata as served; only the fields the flow reads are named. */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  userinfo_endpoint?: string;
  jwks_uri?: string;
  scopes_supported?: string[];
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  client_id_metadata_document_supported?: boolean;
  [key: string]: unknown;
}

/** RFC 9728 §3.1: the well-known segment goes between the host and the resource's path. */
export function protectedResourceUrls(mcpUrl: string, challengeUrl?: string): string[] {
  const url = new URL(mcpUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const urls = challengeUrl ? [challengeUrl] : [];
  if (path) urls.push(`${url.origin}/.well-known/oauth-protected-resource${path}`);
  urls.push(`${url.origin}/.well-known/oauth-protected-resource`);
  return [...new Set(urls)];
}

function parseJson(exchange: HttpExchange): { value?: unknown; problem?: string } {
  if (exchange.error) return { problem: `${exchange.error.code}: ${exchange.error.message}` };
  const response = exchange.response;
  if (!response) return { problem: 'no response' };
  if (response.status !== 200) return { problem: `HTTP ${response.status}` };
  try {
    return { value: JSON.parse(response.body) };
  } catch {
    return { problem: 'body is not JSON' };
  }
}

/** Failures that say the host itself is unreachable: every other well-known URL on it would fail the same way. */
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'TIMEOUT', 'EHOSTUNREACH'];

export interface PrmResult {
  metadata?: ProtectedResourceMetadata;
  url?: string;
  attempts: DiscoveryAttempt[];
  /** The network failure that ended discovery (dead host), to stop dependent steps early. */
  networkError?: string;
}

export async function discoverProtectedResource(http: Http, mcpUrl: string, challengeUrl?: string): Promise<PrmResult> {
  const attempts: DiscoveryAttempt[] = [];
  // An unreachable origin is not asked again; the challenge's URL may sit on another host than the
  // well-known fallbacks, which then still get their turn.
  const deadOrigins = new Set<string>();
  let networkError: string | undefined;
  for (const url of protectedResourceUrls(mcpUrl, challengeUrl)) {
    if (deadOrigins.has(new URL(url).origin)) continue;
    const exchange = await http({ url, headers: { accept: 'application/json' } });
    const { value, problem } = parseJson(exchange);
    const status = exchange.response?.status;
    if (problem) {
      attempts.push({ url, kind: 'prm', ok: false, problem, ...(status ? { status } : {}) });
      if (exchange.error && UNREACHABLE.includes(exchange.error.code)) {
        deadOrigins.add(new URL(url).origin);
        networkError = problem;
      }
      continue;
    }
    const parsed = OAuthProtectedResourceMetadataSchema.safeParse(value);
    if (!parsed.success) {
      attempts.push({ url, kind: 'prm', ok: false, status: 200, problem: `not RFC 9728 metadata: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      continue;
    }
    attempts.push({ url, kind: 'prm', ok: true, status: 200 });
    return { metadata: parsed.data as ProtectedResourceMetadata, url, attempts };
  }
  // Reported only when every attempt failed at the network: a 404 somewhere means the host is up.
  return attempts.every((a) => a.status === undefined) && networkError ? { attempts, networkError } : { attempts };
}

export interface AsResult {
  metadata?: AuthorizationServerMetadata;
  url?: string;
  attempts: DiscoveryAttempt[];
  /** RFC 8414 §3.3 / OIDC Discovery §4.3: the issuer in the document equals the one we asked about. */
  issuerMatches?: boolean;
  /** 2025-03-26 §2.3.3: no metadata anywhere, default endpoints at the server's root assumed. */
  defaultEndpoints?: boolean;
  /** The metadata response's `Date` header: the server's clock, for JWT time checks. */
  serverDate?: string;
  /**
   * The network failure that ended discovery: every candidate URL shares the issuer's origin, so
   * after a refused connection or a timeout the rest would only multiply the wait by three.
   */
  networkError?: string;
}

function validateAsMetadata(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'not a JSON object';
  const doc = value as Record<string, unknown>;
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint']) {
    if (typeof doc[field] !== 'string') return `missing ${field}`;
  }
  return undefined;
}

function sameIssuer(a: string, b: string): boolean {
  return a === b || a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

/**
 * Fetches AS metadata for `issuer`. With `legacyDefaults` (no PRM: the 2025-03-26 flow where the
 * MCP server's origin is the authorization base URL), missing metadata falls back to the default
 * endpoints `/authorize`, `/token`, `/register`.
 */
export async function discoverAuthorizationServer(http: Http, issuer: string, legacyDefaults = false): Promise<AsResult> {
  const attempts: DiscoveryAttempt[] = [];
  for (const { url, type } of buildDiscoveryUrls(issuer)) {
    const href = url.toString();
    const exchange = await http({ url: href, headers: { accept: 'application/json' } });
    const { value, problem } = parseJson(exchange);
    const status = exchange.response?.status;
    const invalid = problem ?? validateAsMetadata(value);
    if (invalid) {
      attempts.push({ url: href, kind: type, ok: false, problem: invalid, ...(status ? { status } : {}) });
      if (exchange.error && UNREACHABLE.includes(exchange.error.code)) return { attempts, networkError: invalid };
      continue;
    }
    const metadata = value as AuthorizationServerMetadata;
    attempts.push({ url: href, kind: type, ok: true, status: 200 });
    const serverDate = exchange.response?.headers.date;
    return { metadata, url: href, attempts, issuerMatches: sameIssuer(metadata.issuer, issuer), ...(serverDate ? { serverDate } : {}) };
  }
  if (legacyDefaults) {
    const base = new URL(issuer).origin;
    return {
      attempts,
      defaultEndpoints: true,
      issuerMatches: true,
      metadata: {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        registration_endpoint: `${base}/register`,
        // 2025-03-26 requires PKCE S256 of every client; with no metadata there is nothing to refuse on.
        code_challenge_methods_supported: ['S256'],
      },
    };
  }
  return { attempts };
}
