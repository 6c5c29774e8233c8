/**
 * probeInstance: what is at the address the user typed. A base URL is tried at the MCP paths the
 * IAM's generations use (docs/setup-wizard-facts.md, "Finding the MCP endpoint": `/api/mcp`, then `/mcp`); the
 * first that answers MCP with a Bearer challenge is the endpoint. Then RFC 9728 protected-resource
 * metadata and RFC 8414 authorization-server metadata name the sign-in server.
 */
import { httpExchange, type FetchLike, type HttpRequest } from '../core/http/exchange.js';
import { probeMcp, type ProbeResult } from '../core/mcp/probe.js';
import { discoverAuthorizationServer, discoverProtectedResource } from '../core/oauth/discovery.js';
import type { ProbeSummary } from '../contract/api-values.js';

const MCP_PATHS = ['/api/mcp', '/mcp'];

function candidates(url: URL): string[] {
  const base = url.origin;
  const given = url.href.replace(/\/$/, '');
  const atRoot = url.pathname === '/' || url.pathname === '';
  const list = atRoot ? [] : [given];
  for (const p of MCP_PATHS) if (!list.includes(base + p)) list.push(base + p);
  return list;
}

function generationOf(mcpUrl: string, probe: ProbeResult): string {
  const path = new URL(mcpUrl).pathname;
  if (path.endsWith('/api/mcp')) return `Casdoor-shaped IAM (MCP at /api/mcp${probe.protocolVersion ? `, protocol ${probe.protocolVersion}` : ''})`;
  if (path.endsWith('/mcp')) return `newer Hanzo IAM (MCP at /mcp${probe.protocolVersion ? `, protocol ${probe.protocolVersion}` : ''})`;
  return probe.protocolVersion ? `MCP server (protocol ${probe.protocolVersion})` : 'MCP server';
}

export async function probeInstance(fetchFn: FetchLike, raw: string, now: () => number = Date.now): Promise<ProbeSummary> {
  const started = now();
  const done = (s: Omit<ProbeSummary, 'durationMs'>): ProbeSummary => ({ ...s, durationMs: now() - started });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    return done({ url: raw, reachable: false, verdict: 'invalid-url', message: `“${raw}” is not a web address. Enter it like https://iam.example.com and check again.` });
  }
  const http = (req: HttpRequest) => httpExchange(fetchFn, { timeoutMs: 8000, ...req }, now);
  let reachable = false;
  for (const mcpUrl of candidates(url)) {
    const probe = await probeMcp(http, mcpUrl);
    if (probe.networkError) {
      return done({ url: url.href, reachable: false, verdict: 'unreachable', message: `Nothing answered at ${url.host} (${probe.networkError.message}). Check the address, your network or VPN, then check again.` });
    }
    reachable = true;
    if (!probe.challenge && probe.challengeStatus === undefined) continue;
    const prm = await discoverProtectedResource(http, mcpUrl, probe.challenge?.resourceMetadata);
    const issuer = prm.metadata?.authorization_servers?.[0];
    const as = issuer ? await discoverAuthorizationServer(http, issuer) : undefined;
    const scopes = prm.metadata?.scopes_supported ?? as?.metadata?.scopes_supported;
    const signIn = as?.metadata ? `sign-in at ${as.metadata.issuer}` : 'no sign-in server found in its metadata (the verify step names what is missing)';
    return done({
      url: url.href, reachable, verdict: 'mcp-endpoint', mcpEndpoint: mcpUrl, generation: generationOf(mcpUrl, probe),
      message: `The MCP endpoint is ${mcpUrl}; it asks for sign-in (${signIn}).`,
      ...(prm.url ? { resourceMetadataUrl: prm.url } : {}),
      ...(issuer ? { authorizationServer: issuer } : {}),
      ...(as?.metadata ? { issuer: as.metadata.issuer, registrationEndpoint: Boolean(as.metadata.registration_endpoint) } : {}),
      ...(as?.metadata?.authorization_endpoint ? { authorizationEndpoint: as.metadata.authorization_endpoint } : {}),
      ...(scopes ? { scopesSupported: scopes } : {}),
    });
  }
  return done({
    url: url.href, reachable, verdict: 'not-mcp',
    message: `${url.host} answered, but no MCP endpoint that asks for sign-in was found at ${candidates(url).join(', ')}. Enter the MCP URL shown in the IAM's documentation (often ending in /api/mcp or /mcp) and check again.`,
  });
}
