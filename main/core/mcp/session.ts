/**
 * The one MCP client path (verify, the doctor's tool probe, the bridge run): an SDK `Client`
 * over `StreamableHTTPClientTransport` (falling back to the deprecated HTTP+SSE transport per the
 * 2025-03-26 backwards-compatibility rule when the POST is refused with 4xx), or over a given
 * transport (the bridge's stdio). Every request, the connect included, takes the run's
 * AbortSignal and the per-request limit. The fetch is wrapped to keep the last HTTP status and
 * `WWW-Authenticate`, which the SDK's errors do not carry, so a scope challenge can be read.
 * The SDK is loaded on first use (it is most of a doctor run's start-up cost).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import type { FetchLike } from '../http/exchange.js';
import { loadMcpSdk, type McpSdk } from './sdk.js';
export { insufficientScopeOf, type InsufficientScope } from './insufficient-scope.js';

export interface LastHttp {
  status?: number;
  wwwAuthenticate?: string;
}

export interface McpSession {
  client: Client;
  transport: 'streamable-http' | 'sse' | 'stdio';
  protocolVersion?: string;
  serverInfo?: unknown;
  last: LastHttp;
  /** Pass to every request: the run's signal and the per-request limit. */
  request: RequestOptions;
  close(): Promise<void>;
}

/** An MCP endpoint over HTTP with a bearer token, or an already built transport (a bridge's stdio). */
export type McpEndpoint = { url: string; accessToken: string; fetch: FetchLike } | { transport: Transport };

export interface McpLimits {
  /** Limit on each request, ms. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** clientInfo.name sent in initialize. */
  clientName?: string;
  /** Where to record the last HTTP status and WWW-Authenticate (readable after a failed connect too). */
  last?: LastHttp;
}

function recordingFetch(fetch: FetchLike, last: LastHttp, timeoutMs: number, outer: AbortSignal | undefined): FetchLike {
  return async (input, init) => {
    const post = (init?.method ?? 'GET') === 'POST';
    // GET opens a long-lived SSE stream: only POSTs get the per-request limit; all get the run's signal.
    const bounds = [init?.signal, outer, post ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    const response = await fetch(input instanceof Request ? input.url : input, { ...init, ...(bounds.length ? { signal: AbortSignal.any(bounds) } : {}) });
    if ((init?.method ?? 'GET') !== 'DELETE') {
      last.status = response.status;
      const www = response.headers.get('www-authenticate');
      if (www) last.wwwAuthenticate = www; else delete last.wwwAuthenticate;
    }
    return response;
  };
}

export function httpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}

/**
 * The SDK Client's default validator (Ajv), built on first use: the Client only needs it for
 * tools that declare an `outputSchema`, and building Ajv costs more than the rest of a probe.
 */
function lazyValidator(Ajv: McpSdk['AjvJsonSchemaValidator']): jsonSchemaValidator {
  let ajv: jsonSchemaValidator | undefined;
  return { getValidator: (schema) => (ajv ??= new Ajv()).getValidator(schema) };
}

export async function connectMcp(endpoint: McpEndpoint, limits: McpLimits): Promise<McpSession> {
  const sdk = await loadMcpSdk();
  const last: LastHttp = limits.last ?? {};
  const request: RequestOptions = { timeout: limits.timeoutMs, ...(limits.signal ? { signal: limits.signal } : {}) };
  const newClient = () => new sdk.Client({ name: limits.clientName ?? 'iam-mcp-helper', version: '0.1.0' },
    { capabilities: {}, jsonSchemaValidator: lazyValidator(sdk.AjvJsonSchemaValidator) });
  if ('transport' in endpoint) {
    const client = newClient();
    await client.connect(endpoint.transport, request);
    return session(client, 'stdio', last, request);
  }
  const requestInit = { headers: { Authorization: `Bearer ${endpoint.accessToken}` } };
  const wrapped = recordingFetch(endpoint.fetch, last, limits.timeoutMs, limits.signal);
  let client = newClient();
  try {
    await client.connect(new sdk.StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit, fetch: wrapped }), request);
    return session(client, 'streamable-http', last, request);
  } catch (error) {
    const status = httpStatusOf(error) ?? last.status;
    await client.close().catch(() => undefined);
    if (limits.signal?.aborted || !status || status < 400 || status >= 500 || status === 401 || status === 403) throw error;
    client = newClient();
    const auth = endpoint.accessToken;
    await client.connect(new sdk.SSEClientTransport(new URL(endpoint.url), { requestInit, fetch: wrapped,
      eventSourceInit: { fetch: (u, i) => wrapped(u, { ...i, headers: { ...Object.fromEntries(new Headers(i?.headers).entries()), Authorization: `Bearer ${auth}` } }) } }), request);
    return session(client, 'sse', last, request);
  }
}

function session(client: Client, transport: McpSession['transport'], last: LastHttp, request: RequestOptions): McpSession {
  const out: McpSession = { client, transport, last, request, close: () => client.close().catch(() => undefined) };
  const version = (client.transport as { protocolVersion?: string } | undefined)?.protocolVersion;
  if (version) out.protocolVersion = version;
  const serverInfo = client.getServerVersion();
  if (serverInfo) out.serverInfo = serverInfo;
  return out;
}

export function describeMcpError(error: unknown, last: LastHttp): string {
  const message = error instanceof Error ? error.message : String(error);
  const status = httpStatusOf(error) ?? (last.status && last.status >= 400 ? last.status : undefined);
  return status && !message.includes(String(status)) ? `HTTP ${status}: ${message}` : message;
}

/**
 * The server's reason in a refusal. The SDK's transport error carries the HTTP body after its own
 * prefix ("Streamable HTTP error: Error POSTing to endpoint: {…}"); Casdoor puts the reason in the
 * JSON-RPC error's `data` ("Access token doesn't exist in database"), others in `message`.
 */
export function rejection(e: { data?: unknown; message?: string }): string {
  if (typeof e.data === 'string' && e.data) return e.data;
  const msg = e.message ?? '';
  const at = msg.indexOf('{');
  if (at >= 0) {
    try {
      const j = JSON.parse(msg.slice(at)) as { error?: { data?: unknown; message?: unknown } | string; error_description?: unknown };
      const err = j.error;
      const said = typeof err === 'object' ? (typeof err.data === 'string' && err.data ? err.data : err.message) : j.error_description ?? err;
      if (typeof said === 'string' && said) return said;
    } catch { /* not a JSON body */ }
  }
  return msg || 'no reason given';
}
