/**
 * Shared HTTP probes, memoized per run so several checks read one exchange: the unauthenticated
 * MCP `initialize` POST (net.http-scheme, mcp.endpoint, token.clock-skew, discovery), and the
 * oauth module's `Http` built from a check context (discovery itself is main/core/oauth's).
 */
import { httpExchange, type HttpExchange } from '../../http/exchange.js';
import type { Http } from '../../oauth/discovery.js';
import { MCP_ACCEPT, initializeRequest } from '../../mcp/probe.js';
import type { CheckContext } from '../types.js';

export function initExchange(ctx: CheckContext, signal: AbortSignal): Promise<HttpExchange> {
  const url = ctx.options.target.mcpUrl ?? '';
  return ctx.memo('mcp.initialize', () => httpExchange(ctx.deps.fetch, {
    url, method: 'POST', body: JSON.stringify(initializeRequest('iam-mcp-helper-doctor')), timeoutMs: ctx.timeoutMs, signal,
    headers: { 'content-type': 'application/json', accept: MCP_ACCEPT },
  }));
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
