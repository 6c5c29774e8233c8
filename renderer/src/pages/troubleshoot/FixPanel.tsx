import { useState } from 'react';
import type { CheckResultValue, FixPreview } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { DiffView } from '../../components/DiffView.js';
import { byHand } from '../../components/fix-by-hand.js';

/** Fix actions the app applies itself (docs/fix-actions.md); others are done by the person as the finding says. */
export const APPLICABLE_FIXES: Record<string, string> = {
  'config.rewrite-entry': 'Rewrite the entry',
  'config.set-scopes': 'Set the scopes',
  'bridge.clear-cache': 'Clear the cached sign-in',
  'claude.restart-hint': 'Show how to reload Claude Desktop',
};

interface Props {
  runId: string;
  step: CheckResultValue;
  /** Called after a fix was written, to run the checks again. */
  onApplied(message: string): void;
}

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'preview'; preview: FixPreview } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/** A fix button for one finding: preview (diff or what will be deleted), confirm, apply (backed up), then re-run. */
export function FixPanel({ runId, step, onApplied }: Props) {
  const { api } = useClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const action = step.fixAction?.action;
  if (!action) return null;
  const label = APPLICABLE_FIXES[action];
  if (!label) return <p className="fix-by-hand"><strong>Do this yourself:</strong> {byHand(step)}</p>;

  const preview = async () => {
    setPhase({ kind: 'busy' });
    const r = await api.previewFix(runId, step.id);
    setPhase(r.ok ? { kind: 'preview', preview: r.value } : { kind: 'error', message: r.error.message });
  };
  const apply = async (p: FixPreview) => {
    setPhase({ kind: 'busy' });
    const r = await api.applyFix(runId, step.id, p.sha256);
    if (!r.ok) { setPhase({ kind: 'error', message: r.error.message }); return; }
    const message = `${r.value.message}${r.value.backupId ? ` The previous file was backed up as ${r.value.backupId}.` : ''}`;
    setPhase({ kind: 'done', message });
    if (r.value.changed) onApplied(message);
  };

  return (
    <div className="fix-panel">
      {(phase.kind === 'idle' || phase.kind === 'error') && (
        <button type="button" onClick={() => void preview()}>{label}<span className="sr-only"> ({step.id})</span></button>
      )}
      {phase.kind === 'busy' && <p aria-live="polite">Working…</p>}
      {phase.kind === 'error' && <p role="alert" className="field-error">{phase.message}</p>}
      {phase.kind === 'preview' && (
        <div className="fix-preview" role="group" aria-label={`Fix for ${step.id}`}>
          <p>{phase.preview.description}</p>
          {phase.preview.configPath && <p className="muted">File: <code>{phase.preview.configPath}</code></p>}
          {phase.preview.diff && <DiffView diff={phase.preview.diff} label={`What the fix changes in ${phase.preview.configPath ?? 'the file'}`} />}
          <p>
            <button type="button" className="primary" onClick={() => void apply(phase.preview)}>Apply fix</button>{' '}
            <button type="button" onClick={() => setPhase({ kind: 'idle' })}>Keep as is</button>
          </p>
        </div>
      )}
      {phase.kind === 'done' && <p aria-live="polite" className="fix-done">{phase.message}</p>}
    </div>
  );
}
