/**
 * connector.*: can Claude's custom connector reach and sign in to this IAM? The connection comes
 * from Anthropic's cloud (docs/claude-routes.md): every host Claude's servers talk to must have
 * public addresses and a certificate that verifies against the public roots alone; Claude needs a
 * client (a client ID entered, or DCR / a client ID metadata document), S256, a protected
 * resource metadata `resource` equal to the URL entered, and, with a client ID, the application
 * must accept both Claude callbacks (asked as redirect.loopback asks for ours).
 */
import { httpExchange } from '../http/exchange.js';
import { discover, type Discovery } from '../diagnostics/checks/discovery.js';
import { probe, type Verdict } from '../diagnostics/checks/redirect.js';
import { casdoorVerdict } from '../oauth/authorize-verdict.js';
import { brief } from '../diagnostics/checks/probe.js';
import type { CheckContext, CheckDef, Outcome, TlsVerdict } from '../diagnostics/types.js';
import { say } from '../diagnostics/words.js';
import { classifyAddress, type AddressVerdict } from './public-address.js';
import { CLAUDE_CALLBACKS } from './claude-facts.js';

export interface ConnectorProbes {
  /** TLS handshake verified against the public root CAs only (public-tls.ts). */
  publicTlsProbe: (host: string, port: number, signal: AbortSignal) => Promise<TlsVerdict>;
}

interface Endpoint { host: string; port: number; https: boolean; role: string }

const bare = (h: string) => h.replace(/^\[|\]$/g, '');

function endpointOf(url: string, role: string): Endpoint | undefined {
  try {
    const u = new URL(url);
    return { host: bare(u.hostname), port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), https: u.protocol === 'https:', role };
  } catch { return undefined; }
}

async function discovered(ctx: CheckContext, signal: AbortSignal): Promise<Discovery | undefined> {
  try { return await discover(ctx, signal); } catch { return undefined; }
}

/**
 * The endpoints Anthropic's cloud talks to: the MCP URL, the authorization server the metadata
 * names, its token and registration endpoints. The authorization endpoint is opened in the user's
 * browser, so it is not one of them.
 */
async function cloudEndpoints(ctx: CheckContext, signal: AbortSignal): Promise<Endpoint[]> {
  const url = ctx.options.target.mcpUrl ?? '';
  const d = await discovered(ctx, signal);
  const as = d?.as?.json ?? {};
  const list = [endpointOf(url, 'MCP URL'), d?.asFromPrm ? endpointOf(d.asUrl, 'authorization server') : undefined,
    typeof as.token_endpoint === 'string' ? endpointOf(as.token_endpoint, 'token endpoint') : undefined,
    typeof as.registration_endpoint === 'string' && !ctx.options.target.clientId ? endpointOf(as.registration_endpoint, 'registration endpoint') : undefined];
  const seen = new Map<string, Endpoint>();
  for (const e of list) if (e && !seen.has(`${e.host}:${e.port}`)) seen.set(`${e.host}:${e.port}`, e);
  return [...seen.values()];
}

async function addressesOf(ctx: CheckContext, host: string): Promise<{ addresses?: AddressVerdict[]; code?: string }> {
  if (classifyAddress(host).range !== 'not an IP address') return { addresses: [classifyAddress(host)] };
  try {
    return { addresses: (await ctx.deps.lookup(host)).map(classifyAddress) };
  } catch (error) {
    return { code: (error as { code?: string }).code ?? (error as Error).message };
  }
}

/** Is registration refused? A POST with empty redirect_uris registers nothing: an open endpoint answers invalid metadata (RFC 7591 §3.2.2). */
async function registrationOpen(ctx: CheckContext, signal: AbortSignal, endpoint: string): Promise<{ open: boolean; said: string; evidence: Record<string, unknown> }> {
  const ex = await httpExchange(ctx.deps.fetch, {
    url: endpoint, method: 'POST', timeoutMs: ctx.timeoutMs, signal,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ client_name: 'iam-mcp-helper registration probe', redirect_uris: [] }),
  });
  const r = ex.response;
  const body = r?.body ?? '';
  let error: string | undefined; let description: string | undefined;
  try { const j = JSON.parse(body) as { error?: string; error_description?: string }; error = j.error; description = j.error_description; } catch { /* not JSON */ }
  const said = description ?? error ?? (r ? `HTTP ${r.status}` : ex.error?.message ?? 'no answer');
  const open = !!r && !/disabled|not (enabled|allowed|supported)/i.test(body)
    && (r.status === 201 || r.status === 200 || (r.status === 400 && /invalid_(redirect_uri|client_metadata)/.test(error ?? '')));
  return { open, said, evidence: brief(ex) };
}

export function connectorCheckDefs(probes: ConnectorProbes): CheckDef[] {
  return [
    {
      id: 'connector.public-host', area: 'connector', title: 'Every host Claude\'s cloud calls has public addresses', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const endpoints = await cloudEndpoints(ctx, signal);
        if (endpoints.length === 0) return { status: 'fail', evidence: {}, ...say('url-invalid', { url: ctx.options.target.mcpUrl }) };
        const hosts: Record<string, unknown>[] = [];
        let first: Outcome | undefined;
        for (const e of endpoints) {
          const r = await addressesOf(ctx, e.host);
          hosts.push({ host: e.host, role: e.role, ...(r.code ? { code: r.code } : { addresses: r.addresses }) });
          if (first) continue;
          if (r.code) first = { status: 'fail', evidence: {}, ...say('connector-dns', { host: e.host, code: r.code }) };
          const bad = r.addresses?.filter((a) => !a.public) ?? [];
          const literal = r.addresses?.length === 1 && r.addresses[0]!.address === e.host;
          if (bad.length) first = { status: 'fail', evidence: {}, ...say('connector-not-public', { host: e.host, literal: literal ? 1 : undefined, found: literal ? String(bad[0]!.range) : bad.map((a) => `${a.address} (${a.range})`).join(', ') }) };
        }
        return first ? { ...first, evidence: { hosts } } : { status: 'pass', evidence: { hosts } };
      },
    },
    {
      id: 'connector.public-tls', area: 'connector', title: 'https with a certificate the public roots trust', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const endpoints = await cloudEndpoints(ctx, signal);
        const plain = endpoints.find((e) => !e.https);
        if (plain) return { status: 'fail', evidence: { host: plain.host, role: plain.role }, ...say('connector-http', { url: plain.role === 'MCP URL' ? ctx.options.target.mcpUrl : `the ${plain.role} (${plain.host})` }) };
        const results: Record<string, unknown>[] = [];
        for (const e of endpoints) {
          const v = await probes.publicTlsProbe(e.host, e.port, signal);
          results.push({ host: e.host, port: e.port, role: e.role, trust: 'public roots only (tls.rootCertificates)', ...v });
          if (v.handshakeError) return { status: 'fail', evidence: { endpoints: results }, ...say('connector-tls-failed', { host: e.host, port: e.port, error: v.handshakeError }) };
          if (!v.authorized) return { status: 'fail', evidence: { endpoints: results }, ...say('connector-tls-untrusted', { host: e.host, code: v.errorCode }) };
        }
        return { status: 'pass', evidence: { endpoints: results } };
      },
    },
    {
      id: 'connector.resource-match', area: 'connector', title: 'The metadata\'s resource is the URL entered', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const url = ctx.options.target.mcpUrl ?? '';
        const d = await discovered(ctx, signal);
        if (!d?.prm) return { status: 'fail', evidence: { tried: d?.prmTried.map((t) => t.url) }, ...say('connector-no-prm', { url }) };
        const resource = d.prm.json.resource;
        const evidence = { metadata: d.prm.url, resource, entered: url };
        if (resource === url) return { status: 'pass', evidence };
        return { status: 'fail', evidence, ...say('connector-resource-mismatch', { resource: String(resource), url }) };
      },
    },
    {
      id: 'connector.pkce-s256', area: 'connector', title: 'PKCE S256 advertised', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const d = await discovered(ctx, signal);
        if (!d?.as) return { status: 'fail', evidence: { tried: d?.asTried.map((t) => t.url) }, ...say('connector-no-as') };
        const methods = d.as.json.code_challenge_methods_supported;
        const evidence = { metadata: d.as.url, code_challenge_methods_supported: methods ?? null };
        if (Array.isArray(methods) && methods.includes('S256')) return { status: 'pass', evidence };
        return { status: 'fail', evidence, ...say('connector-pkce', { methods: JSON.stringify(methods ?? null) }) };
      },
    },
    {
      id: 'connector.registration', area: 'connector', title: 'Claude can get a client', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const clientId = ctx.options.target.clientId;
        if (clientId) return { status: 'pass', evidence: { how: 'client ID entered under Advanced settings', clientId } };
        const d = await discovered(ctx, signal);
        if (!d?.as) return { status: 'fail', evidence: {}, ...say('connector-no-as') };
        const j = d.as.json;
        const evidence: Record<string, unknown> = { metadata: d.as.url, registration_endpoint: j.registration_endpoint ?? null, client_id_metadata_document_supported: j.client_id_metadata_document_supported ?? null };
        if (j.client_id_metadata_document_supported === true) return { status: 'pass', evidence: { ...evidence, how: 'client ID metadata document' } };
        if (typeof j.registration_endpoint !== 'string') return { status: 'fail', evidence, ...say('connector-no-registration') };
        const r = await registrationOpen(ctx, signal, j.registration_endpoint);
        evidence.probe = r.evidence;
        if (r.open) return { status: 'pass', evidence: { ...evidence, how: 'dynamic client registration (RFC 7591)' } };
        return { status: 'fail', evidence, ...say('connector-dcr-disabled', { endpoint: j.registration_endpoint, said: r.said }) };
      },
    },
    {
      id: 'connector.callback-registered', area: 'connector', title: 'The application accepts both Claude callbacks', network: true,
      async run(ctx, signal): Promise<Outcome> {
        const clientId = ctx.options.target.clientId;
        if (!clientId) return { status: 'skip', notApplicable: true, evidence: {}, ...say('connector-callback-no-client') };
        const d = await discovered(ctx, signal);
        if (!d?.as) return { status: 'fail', evidence: {}, ...say('connector-no-as') };
        const authz = String(d.as.json.authorization_endpoint ?? '');
        const first = await probe(ctx, signal, true, authz, CLAUDE_CALLBACKS[0]);
        const casdoor = casdoorVerdict(first.exchange) !== undefined;
        const probes = [casdoor ? first : await probe(ctx, signal, false, authz, CLAUDE_CALLBACKS[0]), await probe(ctx, signal, casdoor, authz, CLAUDE_CALLBACKS[1])];
        const verdicts: Record<string, Verdict> = Object.fromEntries(probes.map((p) => [p.uri, p.verdict]));
        const evidence = { clientId, method: casdoor ? 'GET /api/get-app-login' : 'GET authorization_endpoint', verdicts, exchanges: probes.map((p) => brief(p.exchange)) };
        if (probes.some((p) => p.verdict === 'client-unknown')) return { status: 'fail', evidence, ...say('connector-callback-client-unknown', { clientId }) };
        const refused = probes.filter((p) => p.verdict === 'refused').map((p) => p.uri);
        if (refused.length) return { status: 'fail', evidence: { ...evidence, add: refused }, ...say('connector-callback-refused', { clientId, refused: refused.join(' and ') }) };
        const unclear = probes.find((p) => p.verdict === 'unclear' || p.verdict === 'server-error');
        if (unclear) return { status: 'warn', evidence, ...say('connector-callback-unclear', { uri: unclear.uri, status: unclear.exchange.response?.status ?? unclear.exchange.error?.code }) };
        return { status: 'pass', evidence };
      },
    },
  ];
}
