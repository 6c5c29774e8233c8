/**
 * Casdoor-shaped MCP endpoint (docs/iam-facts.md, "Casdoor-shaped behaviour"): JSON-RPC 2.0 over POST, one
 * JSON body per reply, no SSE, no Mcp-Session-Id. `initialize` (answering 2024-11-05),
 * notifications, `ping` and `tools/list` need no token; `tools/call` does. 401s carry
 * `WWW-Authenticate: Bearer realm="<realm>", resource_metadata="..."` (no error=/scope=) and no
 * CORS headers; insufficient scope is HTTP 200 with JSON-RPC -32001 `insufficient_scope`.
 */
import { bearerToken, sendText, type Req, type Res } from '../core/http-util.js';
import { checkAccessToken, readRpc, requestOrigin, rpcError, rpcResult, stripCors } from '../core/mcp-common.js';
import { APPLICATION_TOOLS, USER_TOOLS, callTool, listTools } from '../core/mcp-tools.js';
import type { EmulatorState } from '../core/state.js';

const TOOLS = [...APPLICATION_TOOLS, ...USER_TOOLS];

export interface CasdoorMcpOptions {
  /** `casdoor` on Casdoor, `iam` on Hanzo IAM (docs/iam-facts.md). */
  realm: string;
}

export async function handleCasdoorMcp(req: Req, res: Res, state: EmulatorState, options: CasdoorMcpOptions): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed');
  const parsed = await readRpc(req);
  if (!parsed.ok) return rpcError(res, null, parsed.error);
  const { id, method, params = {} } = parsed.request;
  if (id === undefined) {
    // Notifications (e.g. notifications/initialized): 202, empty body.
    res.writeHead(202, { 'Content-Length': 0 });
    res.end();
    return;
  }
  switch (method) {
    case 'initialize':
      return rpcResult(res, id, { protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'Hanzo IAM MCP Server', version: '1.0.0' } });
    case 'ping':
      return rpcResult(res, id, {});
    case 'tools/list': {
      const check = checkAccessToken(state, bearerToken(req));
      return rpcResult(res, id, { tools: listTools(TOOLS, check.ok ? check.record.scope : undefined) });
    }
    case 'tools/call': {
      const check = checkAccessToken(state, bearerToken(req));
      if (!check.ok) {
        stripCors(res);
        const challenge = `Bearer realm="${options.realm}", resource_metadata="${requestOrigin(req, state)}/.well-known/oauth-protected-resource"`;
        return rpcError(res, id, { code: -32001, message: 'Unauthorized', data: check.data }, 401, { 'WWW-Authenticate': challenge });
      }
      const outcome = callTool(TOOLS, state, check.user, check.record.scope, String(params.name ?? ''), (params.arguments ?? {}) as Record<string, unknown>);
      if (outcome.kind === 'insufficient_scope') return rpcError(res, id, { code: -32001, message: 'insufficient_scope', data: outcome.data });
      if (outcome.kind === 'unknown_tool') return rpcError(res, id, { code: -32602, message: outcome.message });
      return rpcResult(res, id, outcome.result);
    }
    default:
      return rpcError(res, id, { code: -32601, message: `Method not found: ${method}` });
  }
}
