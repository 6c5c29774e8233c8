import { useEffect, useRef, type ReactNode } from 'react';

export interface WizardStep { id: string; label: string }

export interface StepNavProps {
  steps: readonly WizardStep[];
  current: number;
  onGo(index: number): void;
  /** The heading of the current step; receives focus whenever the step changes. */
  heading: string;
  children: ReactNode;
  /** Next is offered when set; `nextDisabledReason` explains why it is not yet possible. */
  nextLabel?: string;
  nextDisabledReason?: string | null;
}

/**
 * Step navigation: the list of steps (the current one marked aria-current="step"), the step's
 * heading (focused on each change, so keyboard and screen-reader users land on the new step),
 * its content, and Back / Next.
 */
export function StepNav({ steps, current, onGo, heading, children, nextLabel = 'Next', nextDisabledReason }: StepNavProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    headingRef.current?.focus();
  }, [current]);
  const isLast = current === steps.length - 1;
  return (
    <div className="wizard">
      <nav aria-label="Setup steps" className="step-nav">
        <ol>
          {steps.map((s, i) => (
            <li key={s.id}>
              <button type="button" className="step-link" aria-current={i === current ? 'step' : undefined} onClick={() => onGo(i)}>
                <span className="step-number" aria-hidden="true">{i + 1}</span> {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="wizard-step" aria-labelledby="wizard-step-heading">
        <h2 id="wizard-step-heading" ref={headingRef} tabIndex={-1}>
          <span className="muted">Step {current + 1} of {steps.length}: </span>{heading}
        </h2>
        {children}
        <div className="wizard-buttons">
          {current > 0 && <button type="button" onClick={() => onGo(current - 1)}>Back</button>}
          {!isLast && (
            <button type="button" className="primary" disabled={Boolean(nextDisabledReason)} aria-describedby={nextDisabledReason ? 'next-why' : undefined} onClick={() => onGo(current + 1)}>
              {nextLabel}
            </button>
          )}
          {!isLast && nextDisabledReason && <span id="next-why" className="muted">{nextDisabledReason}</span>}
        </div>
      </section>
    </div>
  );
}
