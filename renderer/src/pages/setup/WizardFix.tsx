import { useState } from 'react';
import type { CheckResultValue } from '../../../../main/contract/api-values.js';
import { CopyButton } from '../../components/CopyButton.js';
import { byHand } from '../../components/fix-by-hand.js';
import { FixPanel } from '../troubleshoot/FixPanel.js';

export interface WizardFixProps {
  step: CheckResultValue;
  /** The finished run the step belongs to (fixes the app applies itself go through it). */
  runId?: string;
  /** Sets the wizard's Scopes value. */
  onScopes(scopes: string): void;
  /** Moves the wizard to one of its steps. */
  onGoTo(stepId: 'application' | 'permissions' | 'claude'): void;
  /** Runs the same verification again. */
  onRetry(): void;
}

/**
 * The fix button of a failed verify or bridge step, in the wizard's terms (docs/fix-actions.md):
 * scopes and client ID change the wizard's own values, an entry to rewrite goes back to the Claude
 * Desktop step (diff shown, backup taken there), the bridge's cached sign-in is cleared through the
 * same preview-and-confirm panel as Troubleshoot, and what only the person can do is said with
 * the place to do it and a way to verify again.
 */
export function WizardFix({ step, runId, onScopes, onGoTo, onRetry }: WizardFixProps) {
  const [scopesSet, setScopesSet] = useState(false);
  const a = step.fixAction;
  if (!a) return null;
  const scopes = typeof a.scopes === 'string' && a.scopes.trim() ? a.scopes.trim() : undefined;
  switch (a.action) {
    case 'verify.set-scopes':
    case 'config.set-scopes':
      return scopes
        ? (
          <p className="fix-buttons" aria-live="polite">
            <button type="button" onClick={() => { onScopes(scopes); setScopesSet(true); }}>Use the scopes “{scopes}”</button>{' '}
            <span className={scopesSet ? undefined : 'muted'}>{scopesSet ? 'Scopes set. ' : ''}Then sign in again, and write the entry again in step 4 so Claude Desktop requests them.</span>
          </p>
        )
        : <p className="fix-buttons"><button type="button" onClick={() => onGoTo('permissions')}>Choose the scopes</button></p>;
    case 'verify.set-client-id':
    case 'config.set-client-id':
      return <p className="fix-buttons"><button type="button" onClick={() => onGoTo('application')}>Change the Client ID</button></p>;
    case 'config.rewrite-entry':
    case 'config.set-callback-port':
      return <p className="fix-buttons"><button type="button" onClick={() => onGoTo('claude')}>Write the entry again</button></p>;
    case 'bridge.clear-cache':
      return runId ? <FixPanel runId={runId} step={step} onApplied={onRetry} /> : null;
    case 'iam.register-redirect-uri':
    case 'iam.enable-grant':
      return (
        <div className="fix-by-hand">
          <p><strong>Do this yourself:</strong> {byHand(step)} {typeof a.uri === 'string' && <CopyButton text={a.uri} label="Copy redirect URI" />}</p>
          <p><button type="button" onClick={onRetry}>Done: verify again</button></p>
        </div>
      );
    case 'verify.sign-in-interactive':
    case 'verify.run':
    case 'run.raise-timeout':
    case 'run.raise-sign-in-timeout':
      return <p className="fix-buttons"><button type="button" onClick={onRetry}>Verify again</button></p>;
    default:
      return null;
  }
}
