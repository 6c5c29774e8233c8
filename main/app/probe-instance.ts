/**
 * probeInstance: a fast, bounded first look at an instance for the setup page. One MCP probe
 * (initialize / tools/list / a probe tools/call, as the doctor's mcp checks send), then RFC 9728
 * protected-resource metadata and RFC 8414 authorization-server metadata. Every request has its
 * own timeout; the whole probe stops after PROBE_BUDGET_MS.
 */
import { httpExchange, type FetchLike, type HttpRequest } from '../core/http/exchange.js';
import { probeMcp } from '../core/mcp/probe.js';
import { discoverAuthorizationServer, discoverProtectedResource } from '../core/oauth/discovery.js';
import type { ProbeSummary } from '../shared/api-values.js';

export const PROBE_BUDGET_MS = 10_000;
const REQUEST_TIMEOUT_MS = 4000;

/** Which server generation the endpoints look like (docs/app-doors.md): Casdoor-shaped or Hanzo's /v1/iam. */
function generationOf(authorizationEndpoint: string | undefined): string | undefined {
  if (!authorizationEndpoint) return undefined;
  const path = new URL(authorizationEndpoint).pathname;
  if (path.startsWith('/v1/iam/oauth/')) return 'hanzo-v1';
  if (path === '/login/oauth/authorize') return 'casdoor';
  return 'other';
}

export async function probeInstance(fetchFn: FetchLike, url: string, now: () => number = Date.now): Promise<ProbeSummary> {
  const started = now();
  const done = (summary: Omit<ProbeSummary, 'url' | 'durationMs'>): ProbeSummary => ({ url, ...summary, durationMs: now() - started });
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return done({ reachable: false, verdict: 'invalid-url', message: 'Enter the MCP URL as https://…, for example https://iam.example.com/api/mcp.' });
  }
  const budget = AbortSignal.timeout(PROBE_BUDGET_MS);
  const http = (req: HttpRequest) => httpExchange(fetchFn, { timeoutMs: REQUEST_TIMEOUT_MS, ...req, signal: budget }, now);
  const probe = await probeMcp(http, parsed.href);
  if (probe.networkError) {
    return done({ reachable: false, verdict: 'unreachable', message: `${parsed.host} did not answer (${probe.networkError.message}). Check the address and your network, then try again.` });
  }
  const answered = probe.protocolVersion !== undefined || probe.challenge !== undefined;
  const prm = await discoverProtectedResource(http, parsed.href, probe.challenge?.resourceMetadata);
  const issuer = prm.metadata?.authorization_servers?.[0];
  const as = issuer ? await discoverAuthorizationServer(http, issuer) : undefined;
  const meta = as?.metadata;
  const facts = {
    ...(prm.url ? { resourceMetadataUrl: prm.url } : {}),
    ...(issuer ? { authorizationServer: issuer } : {}),
    ...(meta ? { issuer: meta.issuer, registrationEndpoint: typeof meta.registration_endpoint === 'string' } : {}),
    ...(prm.metadata?.scopes_supported ?? meta?.scopes_supported ? { scopesSupported: prm.metadata?.scopes_supported ?? meta?.scopes_supported } : {}),
    ...(generationOf(meta?.authorization_endpoint) ? { generation: generationOf(meta?.authorization_endpoint) } : {}),
  };
  if (!answered && !prm.metadata) {
    const status = probe.hops[0]?.status;
    return done({ reachable: true, verdict: 'not-mcp', message: `${parsed.href} answered${status ? ` HTTP ${status}` : ''} but not as an MCP server. Check the path (Hanzo IAM serves MCP at /api/mcp or /mcp).`, ...facts });
  }
  const message = meta
    ? `MCP server found; it signs in through ${meta.issuer}.`
    : 'MCP server found, but its sign-in metadata (RFC 9728 / RFC 8414) could not be read; run Troubleshoot for details.';
  return done({ reachable: true, verdict: 'mcp-endpoint', message, mcpEndpoint: parsed.href, ...facts });
}
