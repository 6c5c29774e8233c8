/**
 * An authenticated MCP session through the SDK (`Client` over `StreamableHTTPClientTransport`,
 * falling back to the deprecated HTTP+SSE transport per the 2025-03-26 backwards-compatibility
 * rule when the POST is refused with 4xx). The fetch is wrapped to keep the last HTTP status and
 * `WWW-Authenticate`, which the SDK's errors do not carry, so a 403 step-up challenge can be read.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { FetchLike } from '../http/exchange.js';
import { parseBearerChallenge, type BearerChallenge } from '../oauth/challenge.js';

export interface LastHttp {
  status?: number;
  wwwAuthenticate?: string;
}

export interface McpSession {
  client: Client;
  transport: 'streamable-http' | 'sse';
  protocolVersion?: string;
  serverInfo?: unknown;
  last: LastHttp;
  close(): Promise<void>;
}

export interface InsufficientScope {
  dialect: 'http-403' | 'jsonrpc-32001';
  requiredScope?: string;
  grantedScopes?: string[];
  challenge?: BearerChallenge;
}

function recordingFetch(fetch: FetchLike, last: LastHttp, timeoutMs: number): FetchLike {
  return async (input, init) => {
    const signal = init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    // GET opens a long-lived SSE stream: only POSTs are bounded.
    const bounded = (init?.method ?? 'GET') === 'POST' ? { ...init, signal } : init;
    const response = await fetch(input, bounded);
    if ((init?.method ?? 'GET') !== 'DELETE') {
      last.status = response.status;
      const www = response.headers.get('www-authenticate');
      if (www) last.wwwAuthenticate = www; else delete last.wwwAuthenticate;
    }
    return response;
  };
}

function httpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}

export async function connectMcp(url: string, accessToken: string, fetch: FetchLike, timeoutMs: number): Promise<McpSession> {
  const last: LastHttp = {};
  const requestInit = { headers: { Authorization: `Bearer ${accessToken}` } };
  const wrapped = recordingFetch(fetch, last, timeoutMs);
  const info = { name: 'iam-mcp-helper-verify', version: '0.1.0' };
  let client = new Client(info);
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit, fetch: wrapped }), { timeout: timeoutMs });
    return session(client, 'streamable-http', last);
  } catch (error) {
    const status = httpStatusOf(error) ?? last.status;
    await client.close().catch(() => undefined);
    if (!status || status < 400 || status >= 500 || status === 401 || status === 403) throw error;
    client = new Client(info);
    await client.connect(new SSEClientTransport(new URL(url), { requestInit, fetch: wrapped, eventSourceInit: { fetch: (u, i) => wrapped(u, { ...i, headers: { ...Object.fromEntries(new Headers(i?.headers).entries()), Authorization: `Bearer ${accessToken}` } }) } }), { timeout: timeoutMs });
    return session(client, 'sse', last);
  }
}

function session(client: Client, transport: McpSession['transport'], last: LastHttp): McpSession {
  const out: McpSession = { client, transport, last, close: () => client.close().catch(() => undefined) };
  const version = (client.transport as { protocolVersion?: string } | undefined)?.protocolVersion;
  if (version) out.protocolVersion = version;
  const serverInfo = client.getServerVersion();
  if (serverInfo) out.serverInfo = serverInfo;
  return out;
}

/**
 * Both insufficient-scope dialects: the spec's HTTP 403 with `WWW-Authenticate: Bearer
 * error="insufficient_scope", scope="..."` (RFC 6750 §3.1, MCP 2025-11-25 §Scope Challenge), and
 * Casdoor's HTTP 200 JSON-RPC error -32001 `insufficient_scope` with `data.required_scope`
 * (docs/iam-facts.md).
 */
export function insufficientScopeOf(error: unknown, last: LastHttp): InsufficientScope | undefined {
  const challenge = parseBearerChallenge(last.wwwAuthenticate);
  if ((httpStatusOf(error) === 403 || last.status === 403) && challenge?.error === 'insufficient_scope') {
    return { dialect: 'http-403', challenge, ...(challenge.scope ? { requiredScope: challenge.scope } : {}) };
  }
  if (error instanceof McpError && error.code === -32001 && /insufficient_scope/i.test(error.message)) {
    const data = (error.data ?? {}) as { required_scope?: unknown; granted_scopes?: unknown };
    return {
      dialect: 'jsonrpc-32001',
      ...(typeof data.required_scope === 'string' ? { requiredScope: data.required_scope } : {}),
      ...(Array.isArray(data.granted_scopes) ? { grantedScopes: data.granted_scopes.map(String) } : {}),
    };
  }
  return undefined;
}

export function describeMcpError(error: unknown, last: LastHttp): string {
  const message = error instanceof Error ? error.message : String(error);
  const status = httpStatusOf(error) ?? (last.status && last.status >= 400 ? last.status : undefined);
  return status && !message.includes(String(status)) ? `HTTP ${status}: ${message}` : message;
}
