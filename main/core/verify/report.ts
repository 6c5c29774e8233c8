/**
 * A redacted report of a verify run or a bridge run, as Markdown (for a support ticket, through
 * the doctor's findingsMarkdown) or JSON (the result itself). Secret-named properties, token-shaped
 * text and any known secret value are masked (http/redact.ts) before anything is written.
 */
import type { CheckResult } from '../../contract/check.js';
import { findingsMarkdown } from '../diagnostics/report.js';
import { maskKnownSecrets, maskSecretPatterns, redactSecret, redactValue } from '../http/redact.js';

export type ReportFormat = 'md' | 'json';

/** What was verified, for the report's header (all optional). */
export interface RunTarget {
  url?: string;
  clientId?: string;
  scopes?: string[];
  configPath?: string;
  entryName?: string;
}

/** A verify result or a bridge report: steps and their time, maybe tools and token claims. */
export interface RunResult {
  steps: CheckResult[];
  durationMs: number;
  tools?: unknown[];
}

export function runSummary(r: RunResult): string {
  const n = (status: CheckResult['status']) => r.steps.filter((s) => s.status === status).length;
  return `${n('fail')} failed, ${n('warn')} warning${n('warn') === 1 ? '' : 's'}, ${n('pass')} passed, ${n('skip')} skipped in ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** A JWT anywhere (three base64url parts, the first a JSON header): header values inside JSON escape the free-text rules. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const scrub = (text: string, known: readonly string[]) => maskKnownSecrets(maskSecretPatterns(text).replace(JWT, (t) => redactSecret(t)), known);

export function renderRunReport(kind: 'verify' | 'bridge', result: RunResult, format: ReportFormat, target: RunTarget = {}, knownSecrets: readonly string[] = []): string {
  if (format === 'json') {
    const doc = { kind, ...(Object.keys(target).length ? { target } : {}), ...result };
    return `${scrub(JSON.stringify(redactValue(doc), null, 2), knownSecrets)}\n`;
  }
  const facts: string[] = [];
  if (target.configPath) facts.push(`Config: ${target.configPath}${target.entryName ? ` (entry \`${target.entryName}\`)` : ''}`);
  if (target.url) facts.push(`MCP URL: ${target.url}`);
  if (target.clientId) facts.push(`Client ID: \`${target.clientId}\``);
  if (target.scopes?.length) facts.push(`Scopes: \`${target.scopes.join(' ')}\``);
  if (result.tools?.length) facts.push(`Tools: ${result.tools.map((t) => (typeof t === 'string' ? t : (t as { name?: string }).name ?? '')).join(', ')}`);
  const title = kind === 'verify' ? 'verify report (OAuth + MCP flow)' : 'bridge report (Claude Desktop\'s entry through mcp-remote)';
  return scrub(findingsMarkdown(title, facts, runSummary(result), result.steps, knownSecrets), knownSecrets);
}
