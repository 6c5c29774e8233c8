/** Check results as the CLI prints them outside the doctor: one line each, cause and fix beneath. */
import type { CheckResult } from '../../contract/check.js';
import { MARK } from '../../core/diagnostics/report.js';

export function checkLines(checks: CheckResult[]): string {
  const out: string[] = [];
  for (const c of checks) {
    out.push(`  ${MARK[c.status]} ${c.id}  ${c.title}`);
    if (c.cause && c.status !== 'pass') out.push(`      ${c.cause}`);
    if (c.fix && (c.status === 'fail' || c.status === 'warn')) out.push(`      fix: ${c.fix}`);
  }
  return `${out.join('\n')}\n`;
}

export function validUrl(url: string): string {
  try { new URL(url); } catch { return ''; }
  return url;
}
