import { useCallback, useId, useRef, useState } from 'react';
import type { DoctorTargetInput } from '../../../../main/contract/api-contract.js';
import { useClient } from '../../api/context.js';
import { useRun } from '../../api/use-run.js';
import { diagnosisSummary } from './areas.js';
import { CheckGroups } from './CheckGroups.js';
import { ClaudeLogs } from './ClaudeLogs.js';
import { FixPanel } from './FixPanel.js';
import { ReportExport } from './ReportExport.js';
import { TargetPicker, type Target } from './TargetPicker.js';

function doctorInput(t: Target, signIn: boolean): DoctorTargetInput {
  const sign = signIn ? { signIn: true } : {};
  if (t.kind === 'entry') return { name: t.name, ...sign };
  return { ...(t.url.trim() ? { url: t.url.trim() } : {}), ...(t.clientId.trim() ? { clientId: t.clientId.trim() } : {}), ...(t.scopes.trim() ? { scopes: t.scopes.trim() } : {}), ...sign };
}

/**
 * Troubleshoot: diagnose an entry of Claude's config (or a server typed by hand) with the doctor,
 * checks grouped by area, one-click fixes where the app can apply them, the bridge run exactly as
 * Claude Desktop runs it, and a redacted report. "Include sign-in checks" signs in first (the
 * browser opens for the IAM's login), so the token, scope and expiry checks run with a real token.
 */
export function TroubleshootPage() {
  const { api } = useClient();
  const { state, start, cancel } = useRun();
  const target = useRef<Target>({ kind: 'manual', url: '', clientId: '', scopes: '' });
  const [kind, setKind] = useState<Target['kind']>('manual');
  const [entryName, setEntryName] = useState<string | undefined>(undefined);
  const [lastFix, setLastFix] = useState<string | null>(null);
  const [fixes, setFixes] = useState(0);
  const [signIn, setSignIn] = useState(false);
  const signInHelp = useId();
  const onTarget = useCallback((t: Target) => { target.current = t; setKind(t.kind); setEntryName(t.kind === 'entry' ? t.name : undefined); }, []);
  const running = state.status === 'running';
  const finished = state.status !== 'idle' && !running;

  const diagnose = (withSignIn = signIn) => start(() => api.startDoctor(doctorInput(target.current, withSignIn)));
  // A check skipped for want of a sign-in (fixAction run.sign-in): one click ticks the box and runs again.
  const signInAgain = () => { setSignIn(true); setLastFix(null); void diagnose(true); };
  const bridgeVerify = () => {
    const t = target.current;
    if (t.kind === 'entry') void start(() => api.startBridgeVerify({ name: t.name }));
  };
  const afterFix = (message: string) => { setLastFix(message); setFixes((n) => n + 1); void diagnose(); };

  return (
    <section aria-labelledby="troubleshoot-title" className="troubleshoot">
      <h1 id="troubleshoot-title">Troubleshoot</h1>
      <p className="muted">Find out why Claude Desktop does not connect: every check says what it looked at, what went wrong and how to fix it.</p>
      <TargetPicker onChange={onTarget} reload={fixes} />
      <p className="actions">
        <button type="button" className="primary" disabled={running} onClick={() => { setLastFix(null); void diagnose(); }}>Run diagnosis</button>{' '}
        <button type="button" disabled={running || kind !== 'entry'} onClick={bridgeVerify}
          title={kind === 'entry' ? undefined : 'Choose an entry of Claude’s config first'}>Verify as Claude Desktop runs it</button>{' '}
        <button type="button" onClick={() => void cancel()} disabled={!running || !state.runId}>Cancel</button>{' '}
        <label className="inline-check">
          <input type="checkbox" checked={signIn} disabled={running} onChange={(e) => setSignIn(e.target.checked)} aria-describedby={signInHelp} />
          {' '}Include sign-in checks
        </label>
      </p>
      <p id={signInHelp} className="muted">With sign-in checks, your browser opens for the IAM&apos;s sign-in first, so the token, scope and expiry checks run with a real token (it is never shown or exported).</p>
      {kind !== 'entry' && <p className="muted">Verify as Claude Desktop runs it needs an entry of Claude&apos;s config.</p>}
      {lastFix && <p aria-live="polite" className="fix-done">Fixed: {lastFix}{running ? " Running the checks again…" : ""}</p>}
      {/* Kept in the page while idle (an empty live region, no box) so the first result is announced and scripts find it. */}
      <div className={`run-summary tone-${state.status === 'idle' ? 'idle' : state.status === 'passed' ? 'pass' : running ? 'running' : state.status === 'cancelled' ? 'skip' : 'fail'}`}>
        <p role="status" aria-live="polite" aria-label="Diagnosis result" data-run-id={state.runId}>{diagnosisSummary(state)}</p>
      </div>
      {state.error && state.status === 'error' && <p role="alert" className="field-error">{state.error}</p>}
      <CheckGroups
        steps={state.steps}
        renderFix={(step) => {
          if (!finished || !state.runId || !step.fixAction) return null;
          if (step.fixAction.action === 'run.sign-in') {
            return <button type="button" onClick={signInAgain}>Run again with sign-in checks<span className="sr-only"> ({step.id})</span></button>;
          }
          return <FixPanel runId={state.runId} step={step} onApplied={afterFix} />;
        }}
      />
      {finished && state.runId && <ReportExport runId={state.runId} />}
      <ClaudeLogs name={entryName} />
    </section>
  );
}
