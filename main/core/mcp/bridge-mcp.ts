/**
 * The MCP half of a bridge run: what Claude Desktop does once the bridge is up (initialize,
 * tools/list), then the guide's first prompt "List all applications" as one read-only call,
 * `get_applications {owner}` (docs/iam-facts.md, Tools). Every step is data; a failed step makes
 * the later ones `skip` with the reason.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CheckResult } from '../../contract/check.js';
import { redactText } from '../http/redact.js';
import { READ_TOOL } from '../server-facts.js';
import { connectMcp, insufficientScopeOf, type McpSession } from './session.js';

/** No per-request limit of its own: the run's limits (bridge-limits.ts) abort its signal, which bounds every request, sign-in included. */
const REQUEST_TIMEOUT_MS = 24 * 3600_000;

export interface McpSessionOptions {
  signal: AbortSignal;
  owner: string;
  onPhase: (id: string, title: string) => void;
  onStep: (step: CheckResult) => void;
}

const TITLES = {
  'mcp.initialize': 'The bridge answers MCP initialize',
  'mcp.tools-list': 'Tools are listed through the bridge',
  'mcp.tool-call': `A read-only tool call works (${READ_TOOL}, "List all applications")`,
} as const;
type McpStepId = keyof typeof TITLES;

function errorText(error: unknown, signal: AbortSignal): string {
  const reason = signal.aborted ? (signal.reason as Error | undefined)?.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return redactText(reason && reason !== 'finished' && !message.includes(reason) ? `${message} (${reason})` : message);
}

/** Names of applications in a get_applications result (JSON text content), when readable. */
export function applicationNames(result: Record<string, unknown>): string[] | undefined {
  const blocks = Array.isArray(result.content) ? (result.content as { type?: string; text?: string }[]) : [];
  for (const block of blocks) {
    if (block.type !== 'text' || !block.text) continue;
    try {
      const parsed: unknown = JSON.parse(block.text);
      const list = Array.isArray(parsed) ? parsed : (parsed as { data?: unknown })?.data;
      if (Array.isArray(list)) return list.map((app: { name?: string; owner?: string }) => `${app.owner ?? '?'}/${app.name ?? '?'}`);
    } catch {
      // not JSON: no names
    }
  }
  return undefined;
}

export async function bridgeMcpSession(transport: Transport, opts: McpSessionOptions): Promise<{ tools?: string[] }> {
  const failed = (id: McpStepId, error: unknown, extra: Record<string, unknown> = {}) => {
    opts.onStep({ id, status: 'fail', title: TITLES[id], evidence: { error: errorText(error, opts.signal), ...extra },
      cause: `${id === 'mcp.initialize' ? 'The bridge did not complete MCP initialize' : id === 'mcp.tools-list' ? 'tools/list failed' : `${READ_TOOL} failed`}: ${errorText(error, opts.signal)}.`,
      fix: 'See the bridge findings below and the bridge\'s stderr in bridge.cleanup.' });
  };
  const skipRest = (from: McpStepId[], why: string) => {
    for (const id of from) opts.onStep({ id, status: 'skip', title: TITLES[id], evidence: {}, cause: `Skipped: ${why}.` });
  };

  opts.onPhase('mcp.initialize', TITLES['mcp.initialize']);
  let t = Date.now();
  let session: McpSession;
  try {
    session = await connectMcp({ transport }, { timeoutMs: REQUEST_TIMEOUT_MS, signal: opts.signal, clientName: 'iam-mcp-helper-bridge-check' });
  } catch (error) {
    failed('mcp.initialize', error);
    skipRest(['mcp.tools-list', 'mcp.tool-call'], 'needs mcp.initialize, which failed');
    return {};
  }
  opts.onStep({ id: 'mcp.initialize', status: 'pass', title: TITLES['mcp.initialize'], durationMs: Date.now() - t,
    evidence: { serverInfo: session.client.getServerVersion(), capabilities: session.client.getServerCapabilities() } });
  const { client, request } = session;

  opts.onPhase('mcp.tools-list', TITLES['mcp.tools-list']);
  t = Date.now();
  let tools: string[];
  try {
    tools = (await client.listTools({}, request)).tools.map((tool) => tool.name);
  } catch (error) {
    failed('mcp.tools-list', error);
    skipRest(['mcp.tool-call'], 'needs mcp.tools-list, which failed');
    return {};
  }
  opts.onStep(tools.length > 0
    ? { id: 'mcp.tools-list', status: 'pass', title: TITLES['mcp.tools-list'], evidence: { tools }, durationMs: Date.now() - t }
    : { id: 'mcp.tools-list', status: 'fail', title: TITLES['mcp.tools-list'], evidence: { tools }, durationMs: Date.now() - t,
      cause: 'The server listed no tools through the bridge.', fix: 'Check the token\'s scopes: IAM lists only the tools a token may use.' });

  if (!tools.includes(READ_TOOL)) {
    skipRest(['mcp.tool-call'], `the server does not list ${READ_TOOL}`);
    return { tools };
  }
  opts.onPhase('mcp.tool-call', TITLES['mcp.tool-call']);
  t = Date.now();
  try {
    const result = await client.callTool({ name: READ_TOOL, arguments: { owner: opts.owner } }, undefined, request);
    const text = (Array.isArray(result.content) ? result.content : []).map((b: { text?: string }) => b.text ?? '').join('\n');
    if (result.isError) {
      opts.onStep({ id: 'mcp.tool-call', status: 'fail', title: TITLES['mcp.tool-call'], durationMs: Date.now() - t,
        evidence: { owner: opts.owner, result: redactText(text.slice(0, 800)) },
        cause: `${READ_TOOL} returned an error: ${redactText(text.slice(0, 200))}.`,
        fix: insufficientScopeOf(result) ? 'Request application:read in --static-oauth-client-metadata, clear the bridge cache and sign in again.' : 'See the result in the evidence.' });
    } else {
      const names = applicationNames(result);
      opts.onStep({ id: 'mcp.tool-call', status: 'pass', title: TITLES['mcp.tool-call'], durationMs: Date.now() - t,
        evidence: { owner: opts.owner, ...(names ? { applications: names } : { result: redactText(text.slice(0, 800)) }) } });
    }
  } catch (error) {
    failed('mcp.tool-call', error, { owner: opts.owner });
  }
  return { tools };
}
