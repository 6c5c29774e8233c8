/**
 * JSON-RPC 2.0 plumbing and bearer-token checks shared by the profiles' MCP endpoints.
 * Token checks look the token up in the store (Casdoor checks its token table, not the JWT
 * signature), so a well-formed JWT that was revoked "doesn't exist in database".
 */
import { readBody, sendJson, type Req, type Res } from './http-util.js';
import type { SeedUser } from './seed.js';
import { findUser, lookupAccessToken, now, type AccessTokenRecord, type EmulatorState } from './state.js';
import { formatExpireTime } from './tokens.js';

export type JsonRpcId = string | number | null;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

export type ParsedRpc = { ok: true; request: JsonRpcRequest } | { ok: false; error: { code: number; message: string } };

export async function readRpc(req: Req): Promise<ParsedRpc> {
  let value: unknown;
  try {
    value = JSON.parse(await readBody(req));
  } catch {
    return { ok: false, error: { code: -32700, message: 'Parse error' } };
  }
  const r = value as Partial<JsonRpcRequest> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r) || r.jsonrpc !== '2.0' || typeof r.method !== 'string') {
    return { ok: false, error: { code: -32600, message: 'Invalid Request' } };
  }
  return { ok: true, request: r as JsonRpcRequest };
}

export function rpcResult(res: Res, id: JsonRpcId | undefined, result: unknown, status = 200, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: '2.0', id: id ?? null, result }, headers);
}

export function rpcError(res: Res, id: JsonRpcId | undefined, error: { code: number; message: string; data?: unknown }, status = 200, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: '2.0', id: id ?? null, error }, headers);
}

export type TokenCheck =
  | { ok: true; record: AccessTokenRecord; user: SeedUser }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'forbidden'; data: string };

/** The -32001 `data` texts of Casdoor's 401 body (docs/iam-facts.md). */
export function checkAccessToken(state: EmulatorState, token: string): TokenCheck {
  if (!token) return { ok: false, reason: 'missing', data: 'Unauthorized operation' };
  const record = lookupAccessToken(state, token);
  if (!record) return { ok: false, reason: 'unknown', data: "Access token doesn't exist in database" };
  if (now(state) >= record.expiresAt) return { ok: false, reason: 'expired', data: `Access token has expired, expireTime = ${formatExpireTime(record.expiresAt)}` };
  const user = findUser(state, record.username);
  if (!user || user.isForbidden) return { ok: false, reason: 'forbidden', data: 'The user is forbidden to sign in, please contact the administrator' };
  return { ok: true, record, user };
}

/**
 * `<scheme>://<host>` as the client addressed the server: Casdoor builds the discovery document,
 * resource_metadata and the token issuer from the request host.
 */
export function requestOrigin(req: Req, state: EmulatorState): string {
  const { protocol, host } = new URL(state.origin);
  return `${protocol}//${req.headers.host ?? host}`;
}

/** Removes CORS headers already set on the response (Casdoor's 401s from /api/mcp carry none). */
export function stripCors(res: Res): void {
  for (const name of res.getHeaderNames()) if (name.startsWith('access-control-')) res.removeHeader(name);
}
