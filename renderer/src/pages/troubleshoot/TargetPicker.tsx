import { useEffect, useId, useState } from 'react';
import type { EntrySummary } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { Field } from '../../components/Field.js';

export type Target = { kind: 'entry'; name: string } | { kind: 'manual'; url: string; clientId: string; scopes: string };

const MANUAL = '__manual__';

/**
 * Chooses what to diagnose: an entry of Claude's config (every entry, the broken ones too) or an
 * URL / client ID / scopes typed by hand.
 */
export function TargetPicker({ onChange, reload = 0 }: { onChange(target: Target): void; reload?: number }) {
  const { api } = useClient();
  const id = useId();
  const [entries, setEntries] = useState<EntrySummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState(MANUAL);
  const [manual, setManual] = useState({ url: '', clientId: '', scopes: '' });

  useEffect(() => {
    let live = true;
    void Promise.all([api.readEntries(), api.getSettings()]).then(([r, s]) => {
      if (!live) return;
      const pre = s.ok ? (s.value.prefill ?? s.value.recentInstances[0]) : undefined;
      if (pre) setManual({ url: pre.url, clientId: pre.clientId, scopes: pre.scopes });
      if (!r.ok) { setProblem(r.error.message); setEntries([]); return; }
      setEntries(r.value.entries);
      if (r.value.problem) setProblem(r.value.problem.message);
      const first = r.value.entries.find((e) => e.kind !== 'other') ?? r.value.entries[0];
      // A re-read (after a fix) keeps the chosen entry when it is still there.
      setChoice((c) => ((reload > 0 && c === MANUAL) || r.value.entries.some((e) => e.name === c) ? c : first?.name ?? MANUAL));
    });
    return () => { live = false; };
  }, [api, reload]);

  useEffect(() => {
    onChange(choice === MANUAL ? { kind: 'manual', ...manual } : { kind: 'entry', name: choice });
  }, [choice, manual, onChange]);

  const chosen = entries?.find((e) => e.name === choice);
  return (
    <fieldset className="target-picker">
      <legend>What to diagnose</legend>
      {problem && <p role="alert" className="field-error">{problem}</p>}
      <div className="field">
        <label htmlFor={`${id}-entry`}>Entry in Claude&apos;s config</label>
        <select id={`${id}-entry`} value={choice} onChange={(e) => setChoice(e.target.value)} disabled={entries === null}>
          {(entries ?? []).map((e) => (
            <option key={e.name} value={e.name}>{e.name}{e.kind === 'broken' ? ' (broken)' : ''}</option>
          ))}
          <option value={MANUAL}>Enter URL and client ID by hand</option>
        </select>
        {chosen && <p className="field-help">{chosen.summary}{chosen.problem ? <><br /><strong>Why it cannot work:</strong> {chosen.problem}</> : ''}</p>}
        {entries?.length === 0 && !problem && <p className="field-help">Claude&apos;s config has no entries yet; enter the server by hand or use Set up.</p>}
      </div>
      {choice === MANUAL && (
        <>
          <Field label="MCP URL" type="url" value={manual.url} onChange={(url) => setManual((m) => ({ ...m, url }))} placeholder="https://iam.example.com/api/mcp" />
          <Field label="Client ID" value={manual.clientId} onChange={(clientId) => setManual((m) => ({ ...m, clientId }))} />
          <Field label="Scopes" value={manual.scopes} onChange={(scopes) => setManual((m) => ({ ...m, scopes }))} help="Space-separated; leave empty for the helper's default." />
        </>
      )}
    </fieldset>
  );
}
