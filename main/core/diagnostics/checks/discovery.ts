/**
 * discovery.*: the documents an MCP client reads before login, in the MCP spec's order
 * (2025-06-18 Authorization §2.3): protected resource metadata (RFC 9728) from the 401's
 * `resource_metadata`, else the well-known URL with and without the MCP path; then authorization
 * server metadata (RFC 8414 §3 with path insertion, then OpenID Connect Discovery).
 * TODO(merge verifier, issue 4): use main/core/oauth discovery.
 */
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { bearerParams, brief, firstJson, initExchange, type JsonDoc } from './probe.js';

export interface Discovery {
  prm?: JsonDoc;
  prmTried: JsonDoc[];
  asUrl: string;
  asFromPrm: boolean;
  as?: JsonDoc;
  asTried: JsonDoc[];
}

function prmCandidates(mcpUrl: string, fromChallenge?: string): string[] {
  const u = new URL(mcpUrl);
  const path = u.pathname.replace(/\/$/, '');
  const list = [fromChallenge, path ? `${u.origin}/.well-known/oauth-protected-resource${path}` : undefined, `${u.origin}/.well-known/oauth-protected-resource`];
  return [...new Set(list.filter((x): x is string => !!x))];
}

export function asCandidates(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/$/, '');
  if (!path) return [`${u.origin}/.well-known/oauth-authorization-server`, `${u.origin}/.well-known/openid-configuration`];
  return [`${u.origin}/.well-known/oauth-authorization-server${path}`, `${u.origin}/.well-known/openid-configuration${path}`, `${u.origin}${path}/.well-known/openid-configuration`];
}

export function discover(ctx: CheckContext, signal: AbortSignal): Promise<Discovery> {
  return ctx.memo('discovery', async () => {
    const mcpUrl = ctx.options.target.mcpUrl ?? '';
    const init = await initExchange(ctx, signal);
    const challenge = bearerParams(init.response?.headers['www-authenticate']);
    const prmRes = await firstJson(ctx, prmCandidates(mcpUrl, challenge?.resource_metadata), signal);
    const servers = prmRes.found?.json?.authorization_servers;
    const fromPrm = Array.isArray(servers) && typeof servers[0] === 'string' ? servers[0] : undefined;
    const asUrl = fromPrm ?? new URL(mcpUrl).origin;
    const asRes = await firstJson(ctx, asCandidates(asUrl), signal);
    return { ...(prmRes.found ? { prm: prmRes.found } : {}), prmTried: prmRes.tried, asUrl, asFromPrm: !!fromPrm, ...(asRes.found ? { as: asRes.found } : {}), asTried: asRes.tried };
  });
}

const tried = (docs: JsonDoc[]) => docs.map((d) => ({ url: d.url, ...(d.exchange.response ? { status: d.exchange.response.status } : { error: d.exchange.error?.code }) }));
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
      if (!d.as) return { status: 'fail', evidence: { asUrl: d.asUrl, tried: tried(d.asTried), last: d.asTried.at(-1) ? brief(d.asTried.at(-1)!.exchange) : undefined }, ...say('as-missing', { tried: d.asTried.map((t) => t.url).join(', ') }) };
      const j = asMeta(d);
      const missing = ['authorization_endpoint', 'token_endpoint'].filter((k) => typeof j[k] !== 'string');
      const evidence = { url: d.as.url, issuer: j.issuer, authorization_endpoint: j.authorization_endpoint, token_endpoint: j.token_endpoint, registration_endpoint: j.registration_endpoint };
      if (missing.length) return { status: 'fail', evidence, ...say('as-incomplete', { missing: missing.join(', ') }) };
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
      const norm = (s: string) => s.replace(/\/+$/, '');
      const evidence = { issuer, expected: d.asUrl, expectedFrom: d.asFromPrm ? 'protected resource metadata' : 'MCP URL origin (no PRM)' };
      if (norm(issuer) === norm(d.asUrl)) return { status: 'pass', evidence };
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
