/**
 * cors.*: what a browser-based MCP client (an origin of http://localhost:<p> or http://127.0.0.1:<p>)
 * would meet. Claude Desktop sends no Origin, so these are `warn`, never `fail`: they explain a
 * browser client's failure without blaming the Claude Desktop setup (docs/iam-facts.md, "CORS").
 * Fetch standard §4.8 (CORS-preflight fetch), §3.2.3 (Access-Control-Expose-Headers).
 */
import { httpExchange, type HttpExchange } from '../../http/exchange.js';
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { MCP_BROWSER_HEADERS } from './facts.js';
import { discover } from './discovery.js';
import { MCP_ACCEPT, initializeRequest } from '../../mcp/probe.js';

export function browserOrigins(ctx: CheckContext): string[] {
  const port = ctx.options.target.entry?.callback?.port ?? 6274;
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

function preflight(ctx: CheckContext, signal: AbortSignal, url: string, origin: string, method: string, headers: string[]): Promise<HttpExchange> {
  return httpExchange(ctx.deps.fetch, { url, method: 'OPTIONS', timeoutMs: ctx.timeoutMs, signal, headers: {
    origin, 'access-control-request-method': method, ...(headers.length ? { 'access-control-request-headers': headers.join(', ') } : {}) } });
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

/** Problems a browser would hit for one preflight; empty when it would pass. */
export function preflightProblems(ex: HttpExchange, origin: string, method: string, headers: string[]): string[] {
  const r = ex.response;
  if (!r) return [`the preflight got no answer (${ex.error?.code})`];
  const h = r.headers;
  const allowOrigin = h['access-control-allow-origin'];
  // Worded without the origin where the origin changes nothing, so one problem of every origin reads once.
  if (r.status < 200 || r.status >= 300) return [`the preflight (OPTIONS) is answered ${r.status}`];
  if (allowOrigin === undefined) return ['the answer has no Access-Control-Allow-Origin header'];
  if (allowOrigin !== '*' && allowOrigin !== origin) return [`${origin} is not an allowed origin (Access-Control-Allow-Origin: ${allowOrigin})`];
  const problems: string[] = [];
  const methods = list(h['access-control-allow-methods']);
  if (methods.length && !methods.includes('*') && !methods.includes(method.toLowerCase()) && !['get', 'head', 'post'].includes(method.toLowerCase())) problems.push(`method ${method} not allowed`);
  const allowed = list(h['access-control-allow-headers']);
  const missing = headers.filter((x) => !allowed.includes(x) && !(allowed.includes('*') && x !== 'authorization'));
  if (missing.length) problems.push(`request header${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not allowed`);
  return problems;
}

async function corsCheck(ctx: CheckContext, signal: AbortSignal, url: string, method: string, headers: string[], wordKey: string): Promise<Outcome> {
  const origins = browserOrigins(ctx);
  const results = await Promise.all(origins.map(async (origin) => {
    const ex = await preflight(ctx, signal, url, origin, method, headers);
    return { origin, ex, problems: preflightProblems(ex, origin, method, headers) };
  }));
  const evidence = { url, method, requestHeaders: headers, preflights: results.map((r) => ({ origin: r.origin, status: r.ex.response?.status ?? r.ex.error?.code,
    allowOrigin: r.ex.response?.headers['access-control-allow-origin'], allowHeaders: r.ex.response?.headers['access-control-allow-headers'], problems: r.problems })) };
  const bad = results.filter((r) => r.problems.length);
  if (!bad.length) return { status: 'pass', evidence };
  const problems = [...new Set(bad.flatMap((r) => r.problems))].join('; ');
  return { status: 'warn', evidence, ...say(wordKey, { origins: bad.map((r) => r.origin).join(' and '), problems }) };
}

export const corsChecks: CheckDef[] = [
  {
    id: 'cors.mcp-preflight', area: 'cors', title: 'Browser clients can call the MCP endpoint (CORS)', needs: ['net.http-scheme'], network: true,
    async run(ctx, signal) {
      const url = ctx.options.target.mcpUrl ?? '';
      const base = await corsCheck(ctx, signal, url, 'POST', MCP_BROWSER_HEADERS, 'cors-mcp');
      // A real POST from the origin: are the headers a client must read exposed (Fetch §3.2.3)?
      const origin = browserOrigins(ctx)[0] ?? '';
      const post = await httpExchange(ctx.deps.fetch, { url, method: 'POST', body: JSON.stringify(initializeRequest('iam-mcp-helper-doctor')), timeoutMs: ctx.timeoutMs, signal,
        headers: { origin, 'content-type': 'application/json', accept: MCP_ACCEPT } });
      const exposed = list(post.response?.headers['access-control-expose-headers']);
      const notExposed = ['www-authenticate', 'mcp-session-id'].filter((x) => !exposed.includes(x) && !exposed.includes('*'));
      const evidence = { ...base.evidence, exposeHeaders: post.response?.headers['access-control-expose-headers'] ?? null, notExposed };
      if (base.status === 'pass' && notExposed.length === 0) return { ...base, evidence };
      const extra = notExposed.length ? `${notExposed.join(' and ')} not exposed to scripts` : '';
      if (base.status === 'pass') return { status: 'warn', evidence, ...say('cors-mcp', { origins: origin, problems: extra }) };
      const problems = [String((base.evidence.preflights as { problems: string[] }[]).flatMap((p) => p.problems).filter((p, i, a) => a.indexOf(p) === i).join('; ')), extra].filter(Boolean).join('; ');
      return { status: 'warn', evidence, ...say('cors-mcp', { origins: browserOrigins(ctx).join(' and '), problems }) };
    },
  },
  {
    id: 'cors.metadata', area: 'cors', title: 'Browser clients can read discovery metadata (CORS)', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal) {
      const d = await discover(ctx, signal);
      const urls = [d.prm?.url, d.as?.url].filter((u): u is string => !!u);
      const outcomes = await Promise.all(urls.map((u) => corsCheck(ctx, signal, u, 'GET', ['mcp-protocol-version'], 'cors-metadata')));
      const evidence = { documents: outcomes.map((o) => o.evidence) };
      // One sentence naming each blocked document with its own problems (not one sentence per document).
      const bad = outcomes.map((o, i) => ({ url: urls[i], problems: [...new Set((o.evidence.preflights as { problems: string[] }[]).flatMap((p) => p.problems))] }))
        .filter((b) => b.problems.length);
      if (!bad.length) return { status: 'pass', evidence };
      return { status: 'warn', evidence, ...say('cors-metadata', { problems: bad.map((b) => `${b.url} (${b.problems.join('; ')})`).join(', ') }) };
    },
  },
  {
    id: 'cors.token-endpoint', area: 'cors', title: 'Browser clients can call the token endpoint (CORS)', needs: ['discovery.authorization-server'], network: true,
    async run(ctx, signal) {
      const token = String((await discover(ctx, signal)).as?.json?.token_endpoint ?? '');
      if (!token) return { status: 'skip', evidence: {}, ...say('no-token-endpoint') };
      return corsCheck(ctx, signal, token, 'POST', ['content-type'], 'cors-token');
    },
  },
];
