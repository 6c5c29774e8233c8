import type { ReactNode } from 'react';
import type { CheckResultValue } from '../../../../main/contract/api-values.js';
import type { RunState } from '../../api/use-run.js';
import { StepRow } from '../../components/RunView.js';
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
              <StepRow key={s.id} step={s} renderFix={renderFix} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
