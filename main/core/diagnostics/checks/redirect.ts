/**
 * redirect.loopback: is the exact redirect URI the bridge will send accepted, without logging in?
 * Casdoor-shaped servers answer `GET /api/get-app-login` with `{"status":"error","msg":"Redirect
 * URI: … doesn't exist in the allowed Redirect URI list"}`; standard servers answer the
 * authorization request with an error (400) or a redirect/page towards login (docs/iam-facts.md,
 * "Redirect check"). Variants of the URI (host, path, port) are probed to name the rule.
 */
import type { HttpExchange } from '../../http/exchange.js';
import { probeAuthorize, probeAuthorizeAnyShape, type AuthorizeProbeInput } from '../../oauth/authorize-probe.js';
import { redirectUriForTarget } from '../target-info.js';
import type { CheckContext, CheckDef } from '../types.js';
import { say } from '../words.js';
import { brief } from './probe.js';
import { discover } from './discovery.js';
import { serverSaid, type AuthorizeVerdict } from '../../oauth/authorize-verdict.js';

export type Verdict = AuthorizeVerdict;
interface Probe { uri: string; verdict: Verdict; exchange: HttpExchange }

/** The variants that tell which rule refused `uri` (docs/iam-facts.md, Redirect URIs: host, path, port). */
export function variants(uri: string): { label: string; uri: string }[] {
  const u = new URL(uri);
  const otherHost = u.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const otherPath = u.pathname === '/callback' ? '/oauth/callback' : '/callback';
  const port = Number(u.port || 80);
  return [
    { label: 'host', uri: `${u.protocol}//${otherHost}:${port}${u.pathname}` },
    { label: 'path', uri: `${u.protocol}//${u.hostname}:${port}${otherPath}` },
    { label: 'host+path', uri: `${u.protocol}//${otherHost}:${port}${otherPath}` },
    { label: 'port', uri: `${u.protocol}//${u.hostname}:${port === 65535 ? port - 1 : port + 1}${u.pathname}` },
  ];
}


/** Asks the server (without logging in) whether it accepts `uri` for the target's client: Casdoor's API or the authorization endpoint. */
function probeInput(ctx: CheckContext, signal: AbortSignal, authz: string, uri: string): AuthorizeProbeInput {
  return {
    fetch: ctx.deps.fetch, origin: new URL(ctx.options.target.mcpUrl ?? '').origin, authorizationEndpoint: authz,
    clientId: ctx.options.target.clientId ?? '', scope: (ctx.options.target.scopes ?? ['openid']).join(' '), uri, timeoutMs: ctx.timeoutMs, signal,
  };
}

export function probe(ctx: CheckContext, signal: AbortSignal, casdoor: boolean, authz: string, uri: string): Promise<Probe> {
  return probeAuthorize(probeInput(ctx, signal, authz, uri), casdoor);
}

function ruleFor(uri: string, accepted: { label: string; uri: string }[]): { rule: string; alt?: string } {
  const u = new URL(uri);
  const byLabel = (l: string) => accepted.find((a) => a.label === l);
  const host = byLabel('host'); const path = byLabel('path'); const both = byLabel('host+path'); const port = byLabel('port');
  const flags = (x: string) => { const v = new URL(x); return `set the bridge's callback to match (mcp-remote --host ${v.hostname} --callback-path ${v.pathname})`; };
  if (host) return { rule: `the server accepts ${host.uri} but not ${u.hostname}: "localhost" and "127.0.0.1" are different hosts to it`, alt: flags(host.uri) };
  if (path) return { rule: `the path must match exactly: ${path.uri} is accepted, ${u.pathname} is not (mcp-remote's default is /oauth/callback; the guide registers /callback)`, alt: flags(path.uri) };
  if (both) return { rule: `neither the host nor the path matches: ${both.uri} is accepted`, alt: flags(both.uri) };
  if (port) return { rule: `the port must match exactly (${port.uri} is accepted); only http://127.0.0.1 and http://[::1] may use any port (RFC 8252 §7.3)`, alt: 'pin the bridge\'s callback port to the registered one' };
  return { rule: 'it is not in the application\'s Redirect URIs list, which the server matches exactly' };
}

export const redirectChecks: CheckDef[] = [
  {
    id: 'redirect.loopback', area: 'redirect', title: 'The bridge\'s redirect URI is accepted', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal) {
      const uri = redirectUriForTarget(ctx.options.target);
      if (!uri) return { status: 'skip', evidence: {}, ...say('redirect-uri-unknown') };
      const d = await discover(ctx, signal);
      if (!ctx.options.target.clientId) {
        // mcp-remote without --static-oauth-client-info registers a client (RFC 7591); a server
        // without registration_endpoint (IAM's default: DCR off, docs/iam-facts.md) leaves it no client id at all.
        const registration = d.as?.json?.registration_endpoint;
        if (ctx.options.target.entry?.isMcpRemote && !registration) {
          return { status: 'fail', evidence: { uri, clientId: null, registration_endpoint: null, asUrl: d.as?.url }, ...say('redirect-no-client-no-dcr') };
        }
        return { status: 'skip', evidence: { uri, registration_endpoint: registration ?? null }, ...say('redirect-no-client') };
      }
      const authz = String(d.as?.json?.authorization_endpoint ?? '');
      // Casdoor-shaped: the authorization endpoint is a web page; its API tells the verdict.
      const main = await probeAuthorizeAnyShape(probeInput(ctx, signal, authz, uri));
      const casdoor = main.casdoor;
      const evidence: Record<string, unknown> = { redirectUri: uri, method: casdoor ? 'GET /api/get-app-login' : 'GET authorization_endpoint', exchange: brief(main.exchange) };
      if (main.verdict === 'accepted') return { status: 'pass', evidence };
      if (main.verdict === 'client-unknown') return { status: 'fail', evidence, ...say('redirect-client-unknown', { clientId: ctx.options.target.clientId }) };
      if (main.verdict === 'unclear' || main.verdict === 'server-error') {
        const said = serverSaid(main.exchange);
        // A scope refusal stops the sign-in before the redirect URI is looked at: name the scopes, not the redirect.
        if (/scope/i.test(said ?? '')) return { status: 'warn', evidence, ...say('redirect-scope-refused', { scopes: (ctx.options.target.scopes ?? ['openid']).join(' '), uri, said }) };
        return { status: 'warn', evidence, ...say('redirect-unclear', { method: evidence.method as string, status: main.exchange.response?.status ?? main.exchange.error?.code, uri, said }) };
      }
      const probes = await Promise.all(variants(uri).map(async (v) => ({ ...v, verdict: (await probe(ctx, signal, casdoor, authz, v.uri)).verdict })));
      evidence.variants = probes.map((p) => ({ uri: p.uri, verdict: p.verdict }));
      const { rule, alt } = ruleFor(uri, probes.filter((p) => p.verdict === 'accepted'));
      return { status: 'fail', evidence: { ...evidence, rule, add: uri }, ...say('redirect-refused', { uri, rule, add: uri, alt }) };
    },
  },
];
