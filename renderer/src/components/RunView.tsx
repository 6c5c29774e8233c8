import type { ReactNode } from 'react';
import type { CheckResultValue } from '../../../main/contract/api-values.js';
import type { RunState } from '../api/use-run.js';
import { CopyButton } from './CopyButton.js';
import { StatusWord } from './StatusWord.js';

export interface RunViewProps {
  state: RunState;
  /** Names the list, e.g. "Sign-in steps" or "Checks". */
  label: string;
  onCancel(): void;
  /** A fix button (or nothing) for a finished step that names a fixAction. */
  renderFix?(step: CheckResultValue): ReactNode;
}

function counts(steps: RunState['steps']): string {
  const n = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const s of steps) if (s.result) n[s.result.status]++;
  const parts = [`${n.pass} passed`];
  if (n.warn) parts.push(`${n.warn} with a warning`);
  if (n.fail) parts.push(`${n.fail} failed`);
  if (n.skip) parts.push(`${n.skip} skipped`);
  return parts.join(', ');
}

/** The one-line result: starts with "Verified" on success and "Failed" on failure (stable for scripts). */
export function runSummary(state: RunState): string {
  const done = state.steps.filter((s) => s.result).length;
  switch (state.status) {
    case 'idle': return '';
    case 'running': {
      const now = state.steps.find((s) => !s.result);
      return `Running: ${done} step${done === 1 ? '' : 's'} done${now ? `, now ${now.title}` : ''}…`;
    }
    case 'passed': return `Verified: ${counts(state.steps)}.`;
    case 'failed': {
      const first = state.steps.find((s) => s.result?.status === 'fail');
      return `Failed at ${first?.id ?? 'a step'}: ${first?.result?.cause ?? first?.title ?? 'see the steps below'}`;
    }
    case 'cancelled': return `Cancelled: ${done} step${done === 1 ? '' : 's'} ran before you stopped it.`;
    case 'error': return `Failed: ${state.error ?? 'the run stopped unexpectedly; try again.'}`;
  }
}

export function StepDetails({ step, renderFix }: { step: CheckResultValue; renderFix?: RunViewProps['renderFix'] }) {
  const evidence = JSON.stringify(step.evidence, null, 2);
  const hasEvidence = evidence !== '{}';
  // A warn/fail/skip cause is already shown under the row; the details add fix and evidence.
  const cause = step.status === 'pass' ? step.cause : undefined;
  if (!cause && !step.fix && !hasEvidence) return null;
  return (
    <details className="step-details" open={step.status === 'fail'}>
      <summary>Details<span className="sr-only"> of {step.id}</span></summary>
      {cause && <p><strong>Cause:</strong> {cause}</p>}
      {step.fix && (
        <div className="step-fix">
          <p><strong>Fix:</strong> {step.fix}</p>
          <CopyButton text={step.fix} label="Copy fix" />
          {renderFix?.(step)}
        </div>
      )}
      {hasEvidence && (
        <div className="step-evidence">
          <p><strong>Evidence</strong> (what was sent and received; secrets removed) <CopyButton text={evidence} label="Copy evidence" /></p>
          <pre tabIndex={0} aria-label={`Evidence of ${step.id}`}>{evidence}</pre>
        </div>
      )}
    </details>
  );
}

/** One step or check: status word (never colour alone), id and title; a warn/fail/skip cause under it; details to open. */
export function StepRow({ step: s, renderFix }: { step: RunState['steps'][number]; renderFix?: RunViewProps['renderFix'] }) {
  return (
    <li data-step-id={s.id} className={`run-step step-${s.result?.status ?? 'running'}`}>
      <div className="run-step-head">
        <StatusWord status={s.result?.status ?? 'running'} />
        <code className="step-id">{s.id}</code>
        <span className="step-title">{s.title}</span>
      </div>
      {s.result?.cause && s.result.status !== 'pass' && <p className="step-cause">{s.result.cause}</p>}
      {s.result && <StepDetails step={s.result} renderFix={renderFix} />}
    </li>
  );
}

/**
 * A live list of steps or checks: each row shows its status word, id and title, with expandable
 * cause, fix and evidence; Cancel while it runs; the summary sits in role="status" (polite live
 * region), so progress and the final result are announced.
 */
export function RunView({ state, label, onCancel, renderFix }: RunViewProps) {
  if (state.status === 'idle') return null;
  const running = state.status === 'running';
  const tone = state.status === 'passed' ? 'pass' : running ? 'running' : state.status === 'cancelled' ? 'skip' : 'fail';
  return (
    <div className="run-view">
      <div className={`run-summary tone-${tone}`}>
        <p role="status" aria-live="polite">{runSummary(state)}</p>
        {running && <button type="button" onClick={onCancel} disabled={!state.runId}>Cancel</button>}
      </div>
      <ol className="run-steps" aria-label={label}>
        {state.steps.map((s) => (
          <StepRow key={s.id} step={s} renderFix={renderFix} />
        ))}
      </ol>
    </div>
  );
}
