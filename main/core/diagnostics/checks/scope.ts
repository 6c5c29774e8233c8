/**
 * scope.*: does the token carry what the entry asks for, and does the server let it call tools?
 * Both insufficient_scope dialects (docs/iam-facts.md): Casdoor's HTTP 200 JSON-RPC error
 * -32001 `insufficient_scope` with data {required_scope, granted_scopes}, and the spec's HTTP 403
 * `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750 §3.1).
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { connectMcp, insufficientScopeOf, rejection, type LastHttp, type McpSession } from '../../mcp/session.js';
import { claimsOf } from './token.js';
import { OIDC_SCOPES, READ_TOOL, ownerOf, scopesOf, serverShape } from '../../server-facts.js';
import { discover } from './discovery.js';

/** Scopes the run's token carries (server-facts.ts scopesOf: its claim, else the token response's `scope`). */
export function grantedScopes(ctx: CheckContext): string[] | undefined {
  const t = ctx.options.token;
  return t ? scopesOf(claimsOf(t.accessToken), t.scope) : undefined;
}

const CASDOOR_READ_TOOL: Tool = { name: READ_TOOL, inputSchema: { type: 'object', properties: { owner: { type: 'string' } }, required: ['owner'] } };

function pickTool(tools: Tool[], write: boolean): Tool | undefined {
  const ro = (t: Tool) => t.annotations?.readOnlyHint === true || /^(get|list|read|search)_/.test(t.name);
  // Writes: prefer deleting a nonexistent object, then updating one, and only then adding a probe.
  const rank = (t: Tool) => ['delete_', 'update_', 'add_'].findIndex((p) => t.name.startsWith(p));
  const cands = write ? tools.filter((t) => !ro(t) && rank(t) !== -1).sort((a, b) => rank(a) - rank(b)) : tools.filter(ro);
  return cands.find((t) => !(t.inputSchema.required?.length)) ?? cands.find((t) => /^get_\w+s$/.test(t.name)) ?? cands[0];
}

/** Arguments that satisfy the tool's required fields without touching real data. */
function argsFor(tool: Tool, owner: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of tool.inputSchema.required ?? []) {
    if (name === 'owner') out.owner = owner;
    else if (name === 'id') out.id = `${owner}/iam-mcp-helper-doctor-probe`;
    else if (name === 'name') out.name = 'iam-mcp-helper-doctor-probe';
    else out[name] = { owner, name: 'iam-mcp-helper-doctor-probe' };
  }
  return out;
}

async function callTool(ctx: CheckContext, signal: AbortSignal, write: boolean): Promise<Outcome> {
  const t = ctx.options.token!;
  const granted = grantedScopes(ctx) ?? [];
  const evidence: Record<string, unknown> = { granted };
  let session: McpSession | undefined;
  const last: LastHttp = {};
  try {
    session = await connectMcp({ url: ctx.options.target.mcpUrl ?? '', accessToken: t.accessToken, fetch: ctx.deps.fetch },
      { timeoutMs: ctx.timeoutMs, signal, clientName: 'iam-mcp-helper-doctor', last });
    const { tools } = await session.client.listTools(undefined, session.request);
    evidence.tools = tools.map((x) => x.name);
    // Casdoor lists only the tools a token may call (docs/iam-facts.md): with none listed, probe its read tool
    // anyway, on a Casdoor-shaped server only (another server's empty list means no tools).
    const casdoor = serverShape((await discover(ctx, signal)).as?.json) === 'casdoor';
    const tool = pickTool(tools, write) ?? (!write && tools.length === 0 && casdoor ? CASDOOR_READ_TOOL : undefined);
    if (!tool) return { status: 'skip', notApplicable: true, evidence, ...say('no-tool', { kind: write ? 'write' : 'read' }) };
    const owner = ownerOf(claimsOf(t.accessToken));
    const args = argsFor(tool, owner);
    evidence.call = { tool: tool.name, arguments: args };
    const res = await session.client.callTool({ name: tool.name, arguments: args }, undefined, session.request);
    evidence.isError = res.isError ?? false;
    // A tool-level error (e.g. "not found") still proves the scope check passed.
    return { status: 'pass', evidence };
  } catch (error) {
    const e = error as { code?: number; message?: string; data?: unknown };
    const http = last.status === undefined ? undefined : last;
    evidence.error = { code: e.code, message: e.message, data: e.data, http };
    const found = insufficientScopeOf(error, last);
    if (found) {
      const required = found.requiredScope ?? '(not named)';
      const wanted = [...new Set([...(ctx.options.target.scopes ?? granted), ...required.split(' ').filter((s) => !s.startsWith('('))])].join(' ');
      const metadata = JSON.stringify({ scope: wanted });
      return { status: 'fail', evidence: { ...evidence, required, suggestedMetadata: metadata },
        ...say('insufficient-scope', { tool: found.tool ?? (evidence.call as { tool?: string } | undefined)?.tool, required, granted: granted.join(' ') || '(none)', metadata, scopes: wanted }) };
    }
    if (last.status === 401 || e.code === -32001) return { status: 'fail', evidence, ...say('token-rejected', { detail: rejection(e) }) };
    return { status: 'fail', evidence, ...say('tool-call-failed', { error: e.message }) };
  } finally {
    await session?.close();
  }
}

export const scopeChecks: CheckDef[] = [
  {
    id: 'scope.granted', area: 'scope', title: 'Requested scopes were granted', needsToken: true,
    async run(ctx) {
      const granted = grantedScopes(ctx);
      const requested = ctx.options.target.scopes ?? [];
      if (!granted) return { status: 'skip', notApplicable: true, evidence: { requested }, ...say('scope-claim-missing') };
      // OIDC scopes are about the ID token and userinfo (OIDC Core §5.4); resource-bound access
      // tokens (RFC 8707) often leave them out of their scope claim.
      const missing = requested.filter((s) => !granted.includes(s) && !OIDC_SCOPES.has(s));
      const evidence = { requested, granted, missing };
      if (missing.length) return { status: 'fail', evidence, ...say('scope-not-granted', { missing: missing.join(' '), granted: granted.join(' ') }) };
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'scope.tool-access', area: 'scope', title: 'The token can call a tool', needs: ['mcp.endpoint'], network: true, needsToken: true,
    async run(ctx, signal) {
      const read = await callTool(ctx, signal, false);
      if (!ctx.options.probeWrite || read.status === 'fail') return read;
      const write = await callTool(ctx, signal, true);
      return { ...write, evidence: { read: read.evidence, write: write.evidence } };
    },
  },
];
