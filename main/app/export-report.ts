/**
 * exportReport: a finished run as Markdown (the doctor's report layout) or JSON, with the
 * environment (report-environment.ts), redacted with the engine's redaction (tokens, codes,
 * secrets, cookies) and the run's known secrets.
 */
import { summarize, type DoctorReport } from '../core/diagnostics/doctor.js';
import { renderMarkdown } from '../core/diagnostics/report.js';
import { redactText, redactValue } from '../core/http/redact.js';
import { HelperError } from '../core/errors.js';
import type { ReportFormat } from '../contract/api-contract.js';
import type { ReportValue } from '../contract/api-values.js';
import type { Run } from './runs.js';
import type { AppContext } from './app-context.js';
import { environmentMarkdown, reportEnvironment } from './report-environment.js';

function asDoctorReport(run: Run): DoctorReport {
  const kept = (run.report ?? {}) as Partial<DoctorReport>;
  return {
    version: 1,
    target: kept.target ?? { name: run.kind },
    checks: run.info.steps,
    summary: summarize(run.info.steps),
    durationMs: kept.durationMs ?? 0,
  };
}

export async function exportReport(ctx: AppContext, run: Run, format: ReportFormat): Promise<ReportValue> {
  if (run.info.status === 'running') {
    throw new HelperError('RUN_STILL_RUNNING', 'This run has not finished yet; wait for it (or cancel it), then export the report.');
  }
  const report = asDoctorReport(run);
  const environment = await reportEnvironment(ctx, run);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const text = format === 'md'
    ? redactText(`${renderMarkdown(report, run.secrets)}\n${environmentMarkdown(environment)}`, run.secrets)
    : redactText(`${JSON.stringify({ ...redactValue(report) as object, status: run.info.status, cancelled: run.info.cancelled, environment }, null, 2)}\n`, run.secrets);
  return { format, fileName: `iam-mcp-helper-${run.kind}-${stamp}.${format}`, text };
}
