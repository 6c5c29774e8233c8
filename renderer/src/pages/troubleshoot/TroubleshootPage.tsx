import { useEffect, useState } from 'react';
import { useClient } from '../../api/context.js';
import { useRun } from '../../api/use-run.js';

const STATUS_WORD = { pass: 'passed', warn: 'warning', fail: 'failed', skip: 'skipped' } as const;

/** Placeholder of the troubleshooting wizard: run the doctor, watch each check, cancel. */
export function TroubleshootPage() {
  const { api } = useClient();
  const { state, start, cancel } = useRun();
  const [url, setUrl] = useState('');
  const [clientId, setClientId] = useState('');
  useEffect(() => {
    void api.getSettings().then((r) => {
      const pre = r.ok ? (r.value.prefill ?? r.value.recentInstances[0]) : undefined;
      if (pre) { setUrl(pre.url); setClientId(pre.clientId); }
    });
  }, [api]);
  const running = state.status === 'running';
  return (
    <section aria-labelledby="troubleshoot-title">
      <h1 id="troubleshoot-title">Troubleshoot</h1>
      <p>
        <label>MCP URL <input value={url} onChange={(e) => setUrl(e.target.value)} size={50} /></label>{' '}
        <label>Client ID <input value={clientId} onChange={(e) => setClientId(e.target.value)} /></label>
      </p>
      <p>
        <button type="button" disabled={running} onClick={() => void start(() => api.startDoctor({ ...(url ? { url } : {}), ...(clientId ? { clientId } : {}) }))}>Run checks</button>
        <button type="button" disabled={!running || !state.runId} onClick={() => void cancel()}>Cancel</button>
      </p>
      <p role="status" aria-label="Run status" data-run-id={state.runId}>{state.status === 'idle' ? '' : state.cancelled ? 'Cancelled' : state.status === 'running' ? 'Running…' : `Finished: ${state.status}`}</p>
      {state.error && <p role="alert">{state.error}</p>}
      <ul className="check-list" aria-label="Checks">
        {state.steps.map((s) => (
          <li key={s.id} data-check-id={s.id}>
            <span className={s.result ? `status-${s.result.status}` : 'muted'}>{s.result ? STATUS_WORD[s.result.status] : 'running'}</span> {s.title}
            {s.result?.cause && <div className="muted">{s.result.cause}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
