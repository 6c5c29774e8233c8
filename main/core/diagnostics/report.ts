/**
 * Renders a DoctorReport: the human text the CLI prints (grouped by area, ✔ ! ✖ –) and a
 * Markdown report fit for a support ticket. Evidence is already redacted by the checks and the
 * runner; `knownSecrets` masks any token value once more before anything leaves the process.
 */
import type { CheckResult, CheckStatus } from '../../contract/check.js';
import { maskKnownSecrets, maskSecretPatterns, redactValue } from '../http/redact.js';
import type { DoctorReport } from './doctor.js';
import type { PhraseFix } from '../verify/render.js';

export const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✖', skip: '–' };

const AREA_TITLES: Record<string, string> = {
  config: 'Config', net: 'Network', mcp: 'MCP endpoint', discovery: 'Discovery', redirect: 'Redirect URI',
  cors: 'CORS (browser clients only)', scope: 'Scopes', token: 'Token', bridge: 'Bridge', claude: 'Claude Desktop',
};

export function groupByArea(checks: CheckResult[]): [string, CheckResult[]][] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const area = c.id.split('.')[0] ?? 'other';
    groups.set(area, [...(groups.get(area) ?? []), c]);
  }
  return [...groups.entries()];
}

export function summaryLine(r: DoctorReport): string {
  const s = r.summary;
  return `${s.fail} failed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.pass} passed, ${s.skip} skipped in ${(r.durationMs / 1000).toFixed(1)} s`;
}

export function renderText(r: DoctorReport, knownSecrets: readonly string[] = [], phrase?: PhraseFix): string {
  const out: string[] = [];
  out.push(`Doctor for "${r.target.name}"${r.target.mcpUrl ? ` → ${r.target.mcpUrl}` : ''}${r.target.configPath ? `\n  config: ${r.target.configPath}` : ''}`);
  for (const [area, checks] of groupByArea(r.checks)) {
    out.push('', AREA_TITLES[area] ?? area);
    for (const c of checks) {
      out.push(`  ${MARK[c.status]} ${c.id}  ${c.title}`);
      if ((c.status === 'fail' || c.status === 'warn') && c.cause) out.push(`      cause: ${c.cause}`);
      if ((c.status === 'fail' || c.status === 'warn') && c.fix) out.push(`      fix:   ${c.fix}`);
      const how = phrase?.(c.fixAction);
      if ((c.status === 'fail' || c.status === 'warn') && how) out.push(`      how:   ${how}`);
      if (c.status === 'skip' && c.cause) out.push(`      ${c.cause}`);
      // A skip the person can lift (e.g. a sign-in): the door's way to do it.
      if (c.status === 'skip' && how) out.push(`      how:   ${how}`);
    }
  }
  out.push('', summaryLine(r), '');
  return maskKnownSecrets(out.join('\n'), knownSecrets);
}

function fence(value: unknown): string {
  return ['```json', JSON.stringify(value, null, 2).replace(/```/g, '`\u200b``'), '```'].join('\n');
}

/**
 * Markdown for a support ticket, shared by the doctor, verify and bridge reports: facts about the
 * target, a table of every check or step, then each non-pass finding with its fix, action and
 * evidence. Evidence is redacted once more (secret-named keys, token-shaped text, known values).
 */
export function findingsMarkdown(title: string, facts: string[], result: string, checks: CheckResult[], knownSecrets: readonly string[] = []): string {
  const md: string[] = [`# IAM MCP Helper — ${title}`, ''];
  md.push(...facts.map((f) => `- ${f}`));
  md.push(`- Result: ${result}`, '', '| | Check | Result |', '|---|---|---|');
  for (const c of checks) {
    const cause = c.cause && c.status !== 'pass' ? c.cause.replace(/\|/g, '\\|') : '';
    // Skip reasons already begin with "Skipped:"; no "skip: Skipped: …".
    md.push(`| ${MARK[c.status]} | \`${c.id}\` | ${cause.startsWith('Skipped:') ? cause : `${c.status}${cause ? `: ${cause}` : ''}`} |`);
  }
  const findings = checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  if (findings.length) md.push('', '## Findings');
  for (const c of findings) {
    md.push('', `### ${MARK[c.status]} \`${c.id}\` — ${c.title}`, '', `**Cause:** ${c.cause ?? ''}`);
    if (c.fix) md.push('', `**Fix:** ${c.fix}`);
    if (c.fixAction) md.push('', `**Action:** \`${c.fixAction.action}\`${Object.keys(c.fixAction).length > 1 ? ` ${JSON.stringify(c.fixAction)}` : ''}`);
    md.push('', '<details><summary>Evidence</summary>', '', fence(redactValue(c.evidence)), '', '</details>');
  }
  md.push('', '_Tokens, codes, secrets and cookies are redacted from this report._', '');
  return maskKnownSecrets(maskSecretPatterns(md.join('\n')), knownSecrets);
}

/** Markdown for a support ticket: summary table, then each non-pass finding with its evidence. */
export function renderMarkdown(r: DoctorReport, knownSecrets: readonly string[] = []): string {
  const facts = [`Server entry: \`${r.target.name}\``];
  if (r.target.mcpUrl) facts.push(`MCP URL: ${r.target.mcpUrl}`);
  if (r.target.clientId) facts.push(`Client ID: \`${r.target.clientId}\``);
  if (r.target.scopes) facts.push(`Scopes: \`${r.target.scopes.join(' ')}\``);
  if (r.target.redirectUri) facts.push(`Redirect URI: ${r.target.redirectUri}`);
  if (r.target.bridgePackage) facts.push(`Bridge: \`${r.target.bridgePackage}\``);
  return findingsMarkdown('doctor report', facts, summaryLine(r), r.checks, knownSecrets);
}
