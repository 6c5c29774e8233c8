import type { ReactNode } from 'react';
import type { CheckResultValue } from '../../../../main/shared/api-values.js';
import type { RunState } from '../../api/use-run.js';
import { StepDetails } from '../../components/RunView.js';
import { StatusWord } from '../../components/StatusWord.js';
import { groupByArea } from './areas.js';

/** The checks grouped by area; each row: status word, id, title; a warn/fail row opens to cause, fix and evidence. */
export function CheckGroups({ steps, renderFix }: { steps: RunState['steps']; renderFix(step: CheckResultValue): ReactNode }) {
  return (
    <div className="check-groups">
      {groupByArea(steps).map((g) => (
        <section key={g.label} aria-label={g.label} className="check-group">
          <h2>{g.label}</h2>
          <ol className="run-steps" aria-label={`${g.label} checks`}>
            {g.steps.map((s) => (
              <li key={s.id} data-step-id={s.id} className={`run-step step-${s.result?.status ?? 'running'}`}>
                <div className="run-step-head">
                  <StatusWord status={s.result?.status ?? 'running'} />
                  <code className="step-id">{s.id}</code>
                  <span className="step-title">{s.title}</span>
                </div>
                {s.result?.cause && s.result.status !== 'pass' && <p className="step-cause">{s.result.cause}</p>}
                {s.result && <StepDetails step={s.result} renderFix={renderFix} />}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
