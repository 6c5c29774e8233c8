/**
 * The one reader of an insufficient-scope answer, in each dialect a server uses:
 * - the spec's HTTP 403 with `WWW-Authenticate: Bearer error="insufficient_scope", scope="..."`
 *   (RFC 6750 §3.1, MCP 2025-11-25 §Scope Challenge);
 * - Casdoor's HTTP 200 JSON-RPC error -32001 `insufficient_scope` with `data` {tool,
 *   required_scope, granted_scopes} (docs/iam-facts.md, "Casdoor-shaped behaviour");
 * - a tool result with `isError` whose text says `insufficient_scope`.
 */
import { parseBearerChallenge, type BearerChallenge } from '../oauth/challenge.js';

export interface InsufficientScope {
  dialect: 'http-403' | 'jsonrpc-32001' | 'tool-result';
  requiredScope?: string;
  grantedScopes?: string[];
  /** The tool the server named, when it did. */
  tool?: string;
  challenge?: BearerChallenge;
}

/** `answer`: an error a request threw, or a tool result; `last`: the last HTTP status and WWW-Authenticate seen. */
export function insufficientScopeOf(answer: unknown, last: { status?: number; wwwAuthenticate?: string } = {}): InsufficientScope | undefined {
  const challenge = parseBearerChallenge(last.wwwAuthenticate);
  const code = (answer as { code?: unknown } | undefined)?.code;
  if ((code === 403 || last.status === 403) && challenge?.error === 'insufficient_scope') {
    return { dialect: 'http-403', challenge, ...(challenge.scope ? { requiredScope: challenge.scope } : {}) };
  }
  const e = answer as { message?: unknown; data?: unknown } | undefined;
  if (code === -32001 && /insufficient_scope/i.test(String(e?.message ?? ''))) {
    const data = (e?.data ?? {}) as { required_scope?: unknown; granted_scopes?: unknown; tool?: unknown };
    return {
      dialect: 'jsonrpc-32001',
      ...(typeof data.required_scope === 'string' ? { requiredScope: data.required_scope } : {}),
      ...(Array.isArray(data.granted_scopes) ? { grantedScopes: data.granted_scopes.map(String) } : {}),
      ...(typeof data.tool === 'string' ? { tool: data.tool } : {}),
    };
  }
  // The words without the structure (an SDK transport error quoting the server's body).
  if (/insufficient_scope/.test(String(e?.message ?? ''))) return { dialect: last.status === 403 ? 'http-403' : 'jsonrpc-32001' };
  const result = answer as { isError?: unknown; content?: unknown } | undefined;
  if (result?.isError === true && Array.isArray(result.content)) {
    const text = (result.content as { text?: unknown }[]).map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
    if (/insufficient_scope/i.test(text)) return { dialect: 'tool-result' };
  }
  return undefined;
}
