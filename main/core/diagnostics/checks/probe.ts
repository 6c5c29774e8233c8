/**
 * Shared HTTP probes, memoized per run so several checks read one exchange: the unauthenticated
 * MCP `initialize` POST (net.http-scheme, mcp.endpoint, token.clock-skew, discovery), and the
 * oauth module's `Http` built from a check context (discovery itself is main/core/oauth's).
 */
import { httpExchange, type HttpExchange } from '../../http/exchange.js';
import type { Http } from '../../oauth/discovery.js';
import type { CheckContext } from '../types.js';

/** MCP spec 2025-06-18 (Streamable HTTP): clients accept both JSON and SSE replies. */
export const MCP_ACCEPT = 'application/json, text/event-stream';
export const PROTOCOL_VERSION = '2025-06-18';

export function initializeBody(id = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: {
    protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'iam-mcp-helper-doctor', version: '0.1.0' } } });
}

export function initExchange(ctx: CheckContext, signal: AbortSignal): Promise<HttpExchange> {
  const url = ctx.options.target.mcpUrl ?? '';
  return ctx.memo('mcp.initialize', () => httpExchange(ctx.deps.fetch, {
    url, method: 'POST', body: initializeBody(), timeoutMs: ctx.timeoutMs, signal,
    headers: { 'content-type': 'application/json', accept: MCP_ACCEPT },
  }));
}

/** The JSON-RPC message in a reply body: plain JSON, or the first `data:` event of an SSE stream. */
export function jsonRpcOf(body: string, contentType = ''): Record<string, unknown> | undefined {
  const texts = contentType.includes('text/event-stream')
    ? body.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim())
    : [body];
  for (const t of texts) {
    try {
      const v: unknown = JSON.parse(t);
      if (v && typeof v === 'object' && (v as Record<string, unknown>).jsonrpc === '2.0') return v as Record<string, unknown>;
    } catch { /* not this one */ }
  }
  return undefined;
}

/** The oauth module's `Http` over the check context: its fetch, the run's timeout and signal. */
export function doctorHttp(ctx: CheckContext, signal: AbortSignal): Http {
  return (req) => httpExchange(ctx.deps.fetch, { ...req, timeoutMs: ctx.timeoutMs, signal });
}

/** Compact evidence for one exchange. */
export function brief(ex: HttpExchange): Record<string, unknown> {
  return {
    request: `${ex.request.method} ${ex.request.url}`,
    ...(ex.response ? { status: ex.response.status, contentType: ex.response.headers['content-type'], body: ex.response.body.slice(0, 400) } : {}),
    ...(ex.error ? { error: ex.error } : {}),
  };
}
