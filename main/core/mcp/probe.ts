/**
 * The unauthenticated probe (the verifier's first step, `mcp.probe`). A 200 to `initialize` does not mean "no auth
 * needed": the Casdoor-shaped IAM answers initialize and tools/list without a token and refuses
 * only tools/call (docs/iam-facts.md, Casdoor-shaped behaviour). So the probe walks
 * initialize -> tools/list -> tools/call of a tool that cannot exist, and stops at the first
 * Bearer challenge. The last call can do no harm: an unprotected server answers "unknown tool".
 */
import { JSONRPC_VERSION, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { FetchLike, HttpExchange, HttpRequest } from '../http/exchange.js';
import { parseBearerChallenge, type BearerChallenge } from '../oauth/challenge.js';

export const PROBE_TOOL_NAME = 'iam_mcp_helper_probe_nonexistent_tool';

export interface ProbeHop {
  method: string;
  status?: number;
  wwwAuthenticate?: string;
  body?: string;
  error?: string;
}

export interface ProbeResult {
  hops: ProbeHop[];
  challenge?: BearerChallenge;
  challengeStatus?: number;
  /** Set when the server could not be reached at all (dead host, TLS failure). */
  networkError?: { code: string; message: string };
  protocolVersion?: string;
  serverInfo?: unknown;
  /** Tool names the server listed without a token (Casdoor-shaped servers do). */
  toolNames?: string[];
}

/** MCP Streamable HTTP (spec 2025-06-18 onward, "Sending Messages to the Server"): clients accept both JSON and SSE replies. */
export const MCP_ACCEPT = 'application/json, text/event-stream';

/**
 * The `initialize` request every probe of this app sends: the SDK's latest protocol version (the
 * server answers with the version it picks, MCP spec "Lifecycle: Version Negotiation").
 */
export function initializeRequest(clientName: string, id = 1): { jsonrpc: typeof JSONRPC_VERSION; id: number; method: 'initialize'; params: Record<string, unknown> } {
  return { jsonrpc: JSONRPC_VERSION, id, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: clientName, version: '0.1.0' } } };
}

/**
 * The first JSON-RPC 2.0 message (`"jsonrpc": "2.0"`, JSON-RPC 2.0 §4/§5) in a plain JSON body or
 * in the `data:` lines of a `text/event-stream` body; undefined when there is none.
 */
export function firstJsonRpc(body: string, contentType: string | undefined): Record<string, unknown> | undefined {
  const candidates = contentType?.includes('text/event-stream')
    ? body.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim())
    : [body];
  for (const text of candidates) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && (value as Record<string, unknown>).jsonrpc === JSONRPC_VERSION) return value as Record<string, unknown>;
    } catch { /* next */ }
  }
  return undefined;
}

/**
 * Whether `url` speaks the deprecated HTTP+SSE transport (2024-11-05): a GET that opens a
 * `text/event-stream`. Reads the headers only, then drops the stream.
 */
export async function probeLegacySse(fetch: FetchLike, url: string, timeoutMs: number): Promise<{ status?: number; sse: boolean; wwwAuthenticate?: string; error?: string }> {
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel().catch(() => undefined);
    const www = response.headers.get('www-authenticate');
    return { status: response.status, sse: response.ok && (response.headers.get('content-type') ?? '').includes('text/event-stream'), ...(www ? { wwwAuthenticate: www } : {}) };
  } catch (error) {
    return { sse: false, error: (error as Error).message };
  }
}

export async function probeMcp(http: (req: HttpRequest) => Promise<HttpExchange>, mcpUrl: string): Promise<ProbeResult> {
  const result: ProbeResult = { hops: [] };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: MCP_ACCEPT };
  const { method, params } = initializeRequest('iam-mcp-helper-probe');
  const messages = [
    { method, params },
    { method: 'tools/list', params: {} },
    { method: 'tools/call', params: { name: PROBE_TOOL_NAME, arguments: {} } },
  ];
  let id = 1;
  for (const message of messages) {
    const exchange = await http({ url: mcpUrl, method: 'POST', headers: { ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, ...message }) });
    if (exchange.error) {
      result.hops.push({ method: message.method, error: `${exchange.error.code}: ${exchange.error.message}` });
      if (message.method === 'initialize') result.networkError = exchange.error;
      return result;
    }
    const response = exchange.response!;
    const hop: ProbeHop = { method: message.method, status: response.status, body: response.body.slice(0, 500) };
    const www = response.headers['www-authenticate'];
    if (www) hop.wwwAuthenticate = www;
    result.hops.push(hop);
    const challenge = parseBearerChallenge(www);
    if (response.status === 401 || response.status === 403 || challenge) {
      if (challenge) result.challenge = challenge;
      result.challengeStatus = response.status;
      return result;
    }
    if (response.status >= 400) return result;
    if (message.method === 'tools/list') {
      const tools = (firstJsonRpc(response.body, response.headers['content-type'])?.result as { tools?: { name?: unknown }[] } | undefined)?.tools;
      if (Array.isArray(tools)) result.toolNames = tools.map((t) => String(t.name));
    }
    if (message.method === 'initialize') {
      const rpc = firstJsonRpc(response.body, response.headers['content-type']);
      const init = rpc?.result as { protocolVersion?: string; serverInfo?: unknown } | undefined;
      if (init?.protocolVersion) {
        result.protocolVersion = init.protocolVersion;
        headers['mcp-protocol-version'] = init.protocolVersion;
      }
      if (init?.serverInfo) result.serverInfo = init.serverInfo;
      const session = response.headers['mcp-session-id'];
      if (session) headers['mcp-session-id'] = session;
      await http({ url: mcpUrl, method: 'POST', headers: { ...headers }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
    }
  }
  return result;
}
