/**
 * hanzo-v1 MCP endpoint (shape C, `/mcp`). The facts say little about it beyond the path, so it
 * follows the MCP specification 2025-11-25:
 * - Authorization §"Access token usage": every request carries a token; a missing or bad one is
 *   401 with `WWW-Authenticate: Bearer resource_metadata="..."` (RFC 9728 §5.1), plus
 *   `error="invalid_token"` when a token was sent (RFC 6750 §3.1).
 * - Authorization §"Scope challenge handling": insufficient scope is 403 with
 *   `Bearer error="insufficient_scope", scope="..."`.
 * - Transports §"Streamable HTTP": POST answers with one JSON body (the server may choose JSON
 *   over SSE); this stateless server sends no Mcp-Session-Id and answers GET/DELETE with 405.
 * The JSON-RPC body keeps the IAM family's -32001 error shape.
 */
import { bearerToken, sendText, type Req, type Res } from '../core/http-util.js';
import { checkAccessToken, readRpc, requestOrigin, rpcError, rpcResult } from '../core/mcp-common.js';
import { APPLICATION_TOOLS, callTool, listTools } from '../core/mcp-tools.js';
import type { EmulatorState } from '../core/state.js';

export const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

export async function handleHanzoMcp(req: Req, res: Res, state: EmulatorState, mcpPath: string): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST', 'Content-Length': 0 });
    res.end();
    return;
  }
  const metadata = `${requestOrigin(req, state)}/.well-known/oauth-protected-resource${mcpPath}`;
  const token = bearerToken(req);
  const check = checkAccessToken(state, token);
  const parsed = await readRpc(req);
  const id = parsed.ok ? parsed.request.id : null;
  if (!check.ok) {
    const challenge = token ? `Bearer error="invalid_token", error_description="${check.data.replace(/"/g, "'")}", resource_metadata="${metadata}"` : `Bearer resource_metadata="${metadata}"`;
    return rpcError(res, id, { code: -32001, message: 'Unauthorized', data: check.data }, 401, { 'WWW-Authenticate': challenge });
  }
  if (!parsed.ok) return rpcError(res, null, parsed.error, 400);
  const { method, params = {} } = parsed.request;
  if (id === undefined) {
    res.writeHead(202, { 'Content-Length': 0 });
    res.end();
    return;
  }
  switch (method) {
    case 'initialize': {
      const requested = String(params.protocolVersion ?? '');
      const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : SUPPORTED_PROTOCOL_VERSIONS[0];
      return rpcResult(res, id, { protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'hanzo-iam', version: '1.0.0' } });
    }
    case 'ping':
      return rpcResult(res, id, {});
    case 'tools/list':
      return rpcResult(res, id, { tools: listTools(APPLICATION_TOOLS, check.record.scope) });
    case 'tools/call': {
      const outcome = callTool(APPLICATION_TOOLS, state, check.user, check.record.scope, String(params.name ?? ''), (params.arguments ?? {}) as Record<string, unknown>);
      if (outcome.kind === 'insufficient_scope') {
        const challenge = `Bearer error="insufficient_scope", scope="${outcome.data.required_scope}", resource_metadata="${metadata}"`;
        return rpcError(res, id, { code: -32001, message: 'insufficient_scope', data: outcome.data }, 403, { 'WWW-Authenticate': challenge });
      }
      if (outcome.kind === 'unknown_tool') return rpcError(res, id, { code: -32602, message: outcome.message });
      return rpcResult(res, id, outcome.result);
    }
    default:
      return rpcError(res, id, { code: -32601, message: `Method not found: ${method}` });
  }
}

export function hanzoNotFound(res: Res): void {
  sendText(res, 404, 'not found');
}
