/**
 * An entry of Claude's config judged without the network: does it talk to an IAM, and what keeps
 * it from working. The rules are the guide's errors (docs/iam-facts.md, "The guide's errors" 1
 * and 2) and its placeholders, the same facts the doctor's config.* checks test in depth.
 */
import { GUIDE_BRIDGE_PACKAGE } from '../mcp-remote-facts.js';
import { GUIDE_SCOPE_FIXES } from '../server-facts.js';
import type { BridgeEntry } from './entry.js';

/** The guide's placeholders for the server and the client ID (matched case-insensitively, e.g. `<your-client-id>`). */
export const GUIDE_PLACEHOLDERS = ['your-iam.com', 'your-client-id', 'your-iam-server', 'your-domain', 'YOUR_CLIENT_ID'];

/** The env vars the guide's nonexistent package read; mcp-remote ignores them (docs/iam-facts.md, guide error 1). */
export const GUIDE_ENV_VARS = ['OAUTH_CLIENT_ID', 'OAUTH_SCOPES', 'OAUTH_CLIENT_SECRET'];

/** The placeholders found in any of `texts`. */
export function guidePlaceholders(texts: string[]): string[] {
  const haystack = texts.join('\n').toLowerCase();
  return GUIDE_PLACEHOLDERS.filter((p) => haystack.includes(p.toLowerCase()));
}

export interface EntryVerdict {
  /** The entry is meant to reach an IAM's MCP server (a client ID for mcp-remote, or any trace of the guide). */
  iam: boolean;
  /** Why it cannot work as written, one sentence each; empty when nothing is known to be wrong. */
  problems: string[];
}

const quoted = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');

export function entryVerdict(entry: BridgeEntry): EntryVerdict {
  const guideVars = GUIDE_ENV_VARS.filter((v) => v in entry.env);
  const placeholders = guidePlaceholders([entry.url ?? '', entry.clientId ?? '', ...entry.args, ...Object.values(entry.env)]);
  const guideScopes = (entry.scopes ?? []).filter((s) => GUIDE_SCOPE_FIXES[s]);
  const guidePackage = entry.packageName === GUIDE_BRIDGE_PACKAGE;
  const hasClient = !!entry.clientId || !!entry.infoFile;
  const iam = (entry.isMcpRemote && !!entry.url && hasClient) || guidePackage || guideVars.length > 0 || placeholders.length > 0 || guideScopes.length > 0;
  if (!iam) return { iam, problems: [] };
  const problems: string[] = [];
  if (guidePackage) problems.push(`It runs the npm package "${entry.packageName}", which does not exist, so Claude Desktop cannot start it.`);
  else if (!entry.isMcpRemote) problems.push(`It runs ${entry.packageName ? `"${entry.packageName}"` : `"${entry.command}"`}, not the mcp-remote bridge that signs in to the IAM.`);
  if (entry.isMcpRemote && guideVars.length && entry.clientIdSource !== 'static-oauth-client-info' && !entry.infoFile) {
    problems.push(`mcp-remote ignores ${guideVars.join(' and ')} in the entry's env, so no client ID reaches it.`);
  }
  if (placeholders.length) problems.push(`It still holds the guide's placeholder${placeholders.length > 1 ? 's' : ''} ${quoted(placeholders)}.`);
  if (guideScopes.length) {
    problems.push(`It requests the guide's scope names ${guideScopes.join(', ')}, which the server calls ${guideScopes.map((s) => GUIDE_SCOPE_FIXES[s]).join(', ')}, so tool calls would be refused.`);
  }
  if (!entry.url) problems.push('It names no MCP URL.');
  return { iam, problems };
}
