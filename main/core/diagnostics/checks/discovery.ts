/**
 * discovery.*: the documents an MCP client reads before login, found by the verifier's discovery
 * (main/core/oauth/discovery.ts: MCP spec 2025-11-25 order, SDK schema validation, dead hosts
 * asked once): protected resource metadata (RFC 9728) from the 401's `resource_metadata`, else
 * the well-known URL with and without the MCP path; then authorization server metadata (RFC 8414
 * §3 with path insertion, then OpenID Connect Discovery). One discovery per run (memoised), its
 * raw exchanges kept as evidence.
 */
import type { HttpExchange } from '../../http/exchange.js';
import { parseBearerChallenge } from '../../oauth/challenge.js';
import { discoverAuthorizationServer, discoverProtectedResource, type AsResult, type DiscoveryAttempt, type Http, type PrmResult } from '../../oauth/discovery.js';
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { brief, doctorHttp, initExchange } from './probe.js';

/** A document discovery accepted: its URL and JSON. */
export interface FoundDoc { url: string; json: Record<string, unknown> }
/** One discovery attempt with the exchange behind it. */
export interface Tried extends DiscoveryAttempt { exchange?: HttpExchange }

export interface Discovery {
  prm?: FoundDoc;
  prmTried: Tried[];
  prmResult: PrmResult;
  asUrl: string;
  asFromPrm: boolean;
  as?: FoundDoc;
  asTried: Tried[];
  asResult: AsResult;
}

/** The check context's Http, recording each exchange by URL for evidence. */
function recordingHttp(ctx: CheckContext, signal: AbortSignal, log: Map<string, HttpExchange>): Http {
  const http = doctorHttp(ctx, signal);
  return async (req) => {
    const exchange = await http(req);
    log.set(req.url, exchange);
    return exchange;
  };
}

export function discover(ctx: CheckContext, signal: AbortSignal): Promise<Discovery> {
  return ctx.memo('discovery', async () => {
    const mcpUrl = ctx.options.target.mcpUrl ?? '';
    const init = await initExchange(ctx, signal);
    const challenge = parseBearerChallenge(init.response?.headers['www-authenticate']);
    const log = new Map<string, HttpExchange>();
    const http = recordingHttp(ctx, signal, log);
    const withExchange = (attempts: DiscoveryAttempt[]): Tried[] => attempts.map((a) => ({ ...a, ...(log.has(a.url) ? { exchange: log.get(a.url)! } : {}) }));
    const prmResult = await discoverProtectedResource(http, mcpUrl, challenge?.resourceMetadata);
    const fromPrm = prmResult.metadata?.authorization_servers?.[0];
    const asUrl = fromPrm ?? new URL(mcpUrl).origin;
    // No legacy default endpoints: the doctor reports missing metadata rather than assuming it.
    const asResult = await discoverAuthorizationServer(http, asUrl);
    return {
      ...(prmResult.metadata && prmResult.url ? { prm: { url: prmResult.url, json: prmResult.metadata as Record<string, unknown> } } : {}),
      prmTried: withExchange(prmResult.attempts), prmResult, asUrl, asFromPrm: !!fromPrm,
      ...(asResult.metadata && asResult.url ? { as: { url: asResult.url, json: asResult.metadata as Record<string, unknown> } } : {}),
      asTried: withExchange(asResult.attempts), asResult,
    };
  });
}

const tried = (docs: Tried[]) => docs.map((d) => ({
  url: d.url, ...(d.status !== undefined ? { status: d.status } : { error: d.exchange?.error?.code ?? d.problem }), ...(d.ok ? {} : { problem: d.problem }),
}));

/** RFC 8414 §2 required members a served JSON object lacks, for the first such document tried. */
function incomplete(d: Discovery): { url: string; json: Record<string, unknown>; missing: string[] } | undefined {
  for (const t of d.asTried) {
    if (t.status !== 200 || !t.exchange?.response) continue;
    let json: unknown;
    try { json = JSON.parse(t.exchange.response.body); } catch { continue; }
    if (!json || typeof json !== 'object' || Array.isArray(json)) continue;
    const doc = json as Record<string, unknown>;
    const missing = ['issuer', 'authorization_endpoint', 'token_endpoint'].filter((k) => typeof doc[k] !== 'string');
    if (missing.length) return { url: t.url, json: doc, missing };
  }
  return undefined;
}

const asMeta = (d: Discovery) => d.as?.json ?? {};

export const discoveryChecks: CheckDef[] = [
  {
    id: 'discovery.protected-resource', area: 'discovery', title: 'Protected resource metadata (RFC 9728)', needs: ['net.http-scheme'], network: true,
    async run(ctx, signal) {
      const d = await discover(ctx, signal);
      if (!d.prm) return { status: 'warn', evidence: { tried: tried(d.prmTried) }, ...say('prm-missing', { tried: d.prmTried.map((t) => t.url).join(', ') }) };
      const j = d.prm.json ?? {};
      return { status: 'pass', evidence: { url: d.prm.url, resource: j.resource, authorization_servers: j.authorization_servers, scopes_supported: j.scopes_supported } };
    },
  },
  {
    id: 'discovery.authorization-server', area: 'discovery', title: 'Authorization server metadata', needs: ['net.http-scheme'], network: true,
    async run(ctx, signal) {
      const d = await discover(ctx, signal);
      if (!d.as) {
        // A JSON document that lacks required members is incomplete metadata, not missing metadata.
        const partial = incomplete(d);
        if (partial) {
          const j = partial.json;
          const evidence = { url: partial.url, issuer: j.issuer, authorization_endpoint: j.authorization_endpoint, token_endpoint: j.token_endpoint, registration_endpoint: j.registration_endpoint, tried: tried(d.asTried) };
          return { status: 'fail', evidence, ...say('as-incomplete', { missing: partial.missing.join(', ') }) };
        }
        const last = d.asTried.at(-1)?.exchange;
        return { status: 'fail', evidence: { asUrl: d.asUrl, tried: tried(d.asTried), last: last ? brief(last) : undefined }, ...say('as-missing', { tried: d.asTried.map((t) => t.url).join(', ') }) };
      }
      const j = asMeta(d);
      const evidence = { url: d.as.url, issuer: j.issuer, authorization_endpoint: j.authorization_endpoint, token_endpoint: j.token_endpoint, registration_endpoint: j.registration_endpoint };
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'discovery.pkce-s256', area: 'discovery', title: 'PKCE S256 advertised', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal) {
      const methods = asMeta(await discover(ctx, signal)).code_challenge_methods_supported;
      const list = Array.isArray(methods) ? methods : [];
      if (!list.includes('S256')) return { status: 'fail', evidence: { code_challenge_methods_supported: methods ?? null }, ...say('pkce-missing', { methods: JSON.stringify(methods ?? null) }) };
      return { status: 'pass', evidence: { code_challenge_methods_supported: list } };
    },
  },
  {
    id: 'discovery.issuer-match', area: 'discovery', title: 'Issuer matches where the metadata came from', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal): Promise<Outcome> {
      const d = await discover(ctx, signal);
      const issuer = String(asMeta(d).issuer ?? '');
      const evidence = { issuer, expected: d.asUrl, expectedFrom: d.asFromPrm ? 'protected resource metadata' : 'MCP URL origin (no PRM)' };
      // RFC 8414 §3.3, compared by the oauth module (a trailing slash aside).
      if (d.asResult.issuerMatches) return { status: 'pass', evidence };
      return { status: d.asFromPrm ? 'fail' : 'warn', evidence, ...say('issuer-mismatch', { issuer, expected: d.asUrl }) };
    },
  },
  {
    id: 'discovery.grant-types', area: 'discovery', title: 'Refresh grant advertised', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal) {
      const g = asMeta(await discover(ctx, signal)).grant_types_supported;
      // RFC 8414 §2: omitted means ["authorization_code", "implicit"].
      const grants = Array.isArray(g) ? g as string[] : ['authorization_code', 'implicit'];
      const evidence = { grant_types_supported: g ?? '(absent: RFC 8414 default)' };
      if (!grants.includes('refresh_token')) return { status: 'warn', evidence, ...say('no-refresh-grant', { grants: grants.join(', ') }) };
      return { status: 'pass', evidence };
    },
  },
];
