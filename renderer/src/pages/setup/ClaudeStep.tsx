import { useCallback, useEffect, useState } from 'react';
import type { ConfigLocationValue, ReadEntriesValue, SetupApplied, SetupPreview } from '../../../../main/contract/api-values.js';
import type { SetupInput } from '../../../../main/contract/api-contract.js';
import { useClient } from '../../api/context.js';
import { DiffView } from '../../components/DiffView.js';
import { Field } from '../../components/Field.js';
import type { SetupValues } from './use-setup-values.js';

/** "path given by the user" -> "Path given by the user." */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** How an unreadable file is to be handled: not at all, repaired (content kept), or replaced (backed up). */
type FixMode = 'none' | 'repair' | 'replace';

/** The config stop: the file cannot be read as JSON, so nothing is written until it is repaired. */
function ConfigProblem({ path, message, repairs, mode, onMode, onReload }: {
  path: string; message: string; repairs?: string[]; mode: FixMode; onMode(m: FixMode): void; onReload(): void;
}) {
  return (
    <div className="panel panel-fail" role="alert">
      <p><strong>Claude Desktop's config file cannot be read, so the helper will not change it.</strong> {message}</p>
      {repairs && (
        <label className="check">
          <input type="checkbox" checked={mode === 'repair'} onChange={(e) => onMode(e.target.checked ? 'repair' : 'none')} />
          {' '}<strong>Repair it, keeping every server:</strong> remove {repairs.join(', ')} (JSON allows neither; the file is backed up first).
        </label>
      )}
      <p>{repairs ? 'Or, to correct it yourself:' : 'To keep what is in it:'}</p>
      <ol>
        <li>Open <code>{path}</code> in a text editor and correct the spot named above (often a missing comma or quote, or a trailing comma).</li>
        <li>Save it, then choose <strong>Read the file again</strong>.</li>
      </ol>
      <p><button type="button" onClick={onReload}>Read the file again</button></p>
      <label className="check">
        <input type="checkbox" checked={mode === 'replace'} onChange={(e) => onMode(e.target.checked ? 'replace' : 'none')} />
        {' '}Or start a new file with only this server (the broken file is backed up first; the other servers in it are not carried over).
      </label>
    </div>
  );
}

/** Step 4: which file Claude Desktop reads, what else is in it, the change as a diff, then the write (backup first). */
export function ClaudeStep({ values, applied, setApplied }: { values: SetupValues; applied?: SetupApplied; setApplied(a?: SetupApplied): void }) {
  const { api } = useClient();
  const [location, setLocation] = useState<ConfigLocationValue | null>(null);
  const [entries, setEntries] = useState<ReadEntriesValue | null>(null);
  const [preview, setPreview] = useState<SetupPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<FixMode>('none');
  const [pathText, setPathText] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [loc, ent] = await Promise.all([api.locateConfig(), api.readEntries()]);
    if (loc.ok) { setLocation(loc.value); setPathText(loc.value.chosen); } else setError(loc.error.message);
    if (ent.ok) setEntries(ent.value); else setError(ent.error.message);
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  /** Switches the app to the file in the field (or back to Claude's own with ''); false when the path was refused. */
  const switchToPath = async (path: string): Promise<boolean> => {
    if (location && path.trim() === location.chosen) return true;
    const r = await api.chooseConfigFile(path.trim());
    if (!r.ok) { setPathError(r.error.message); return false; }
    setPathError(null); setPreview(null); setApplied(undefined); setMode('none'); setError(null);
    await load();
    return true;
  };

  const input = (): SetupInput => ({
    url: values.url.trim(), clientId: values.clientId.trim(), scopes: values.scopes.trim(),
    ...(mode === 'replace' ? { replaceInvalid: true } : mode === 'repair' ? { repairInvalid: true } : {}),
  });
  const doPreview = async (): Promise<SetupPreview | null> => {
    if (!(await switchToPath(pathText))) return null;
    setError(null);
    const r = await api.previewSetup(input());
    if (!r.ok) { setError(r.error.message); setPreview(null); return null; }
    setPreview(r.value);
    return r.value;
  };
  const write = async () => {
    setBusy(true);
    try {
      const p = preview && pathText.trim() === location?.chosen ? preview : await doPreview();
      if (!p) return;
      const r = await api.applySetup(input(), p.sha256);
      if (!r.ok) { setError(r.error.message); setPreview(null); return; }
      setApplied(r.value);
      setPreview(null);
      await load();
    } finally { setBusy(false); }
  };

  // Another file typed in the field: the current file's problem no longer stops the buttons (they switch first).
  const pendingPath = location !== null && pathText.trim() !== location.chosen;
  const problem = pendingPath ? undefined : entries?.problem;
  const others = entries?.entries.filter((e) => e.name !== 'iam') ?? [];
  return (
    <>
      <p>Claude Desktop starts the servers listed in its config file. The helper adds one entry, named <code>iam</code>, that runs the <code>mcp-remote</code> bridge; nothing else in the file changes.</p>
      <Field
        label="Claude Desktop config file" value={pathText} onChange={(v) => { setPathText(v); setPathError(null); }}
        onBlur={() => { if (pathText.trim()) void switchToPath(pathText); }} onEnter={() => void switchToPath(pathText)} error={pathError}
        help={location ? <>{sentence(location.reason)}{location.exists ? '' : ' It does not exist yet; writing creates it.'} To work on another file, enter its full path; every page then uses it until the app restarts.</> : 'Looking for the file…'}
      >
        {location?.chosenBy === 'app' && <button type="button" className="small" onClick={() => void switchToPath('')}>Use the default file</button>}
      </Field>
      {location && location.candidates.length > 1 && (
        <details>
          <summary>Other places Claude Desktop may read on this computer</summary>
          <ul>{location.candidates.map((c) => <li key={c.path}><code>{c.path}</code> — {c.kind}{c.exists ? ' (exists)' : ''}</li>)}</ul>
        </details>
      )}
      {problem && location && <ConfigProblem path={location.chosen} message={problem.message} repairs={problem.repairs} mode={mode} onMode={(m) => { setMode(m); setPreview(null); }} onReload={() => { setError(null); void load(); }} />}
      {entries && !problem && (
        <>
          <h3>Servers already in the file</h3>
          {others.length === 0
            ? <p className="muted">No other servers. {entries.exists ? '' : 'The file will be created.'}</p>
            : <ul>{others.map((e) => <li key={e.name}><strong>{e.name}</strong> — {e.summary} <span className="muted">(left untouched)</span></li>)}</ul>}
        </>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void doPreview()} disabled={busy || (Boolean(problem) && mode === 'none')}>Preview change</button>
        <button type="button" className="primary" onClick={() => void write()} disabled={busy || (Boolean(problem) && mode === 'none')}>Write to Claude config</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      {preview && (
        <div className="preview">
          <h3>The change</h3>
          {preview.warnings.map((w) => <p key={w} className="panel panel-warn"><strong>Warning:</strong> {w}</p>)}
          {preview.repairs && <p className="panel panel-pass"><strong>Repaired:</strong> removes {preview.repairs.join(', ')}; every server stays.</p>}
          {preview.droppedServers && (
            <p className="panel panel-warn"><strong>Not carried over:</strong> the new file will not have {preview.droppedServers.map((n, i) => <span key={n}>{i ? ', ' : ''}<code>{n}</code></span>)}. The unreadable file is backed up first, so {preview.droppedServers.length === 1 ? 'it stays' : 'they stay'} in the backup (see Backups).</p>
          )}
          <DiffView diff={preview.diff} label={`Change to ${preview.configPath}`} />
        </div>
      )}
      {applied && (
        <div className="panel panel-pass" aria-live="polite">
          <p><strong>{applied.changed ? 'Written.' : 'Nothing to write: the file already holds this entry.'}</strong>{' '}
            {applied.backup ? <>The previous file was backed up as <code>{applied.backup.id}</code> (see Backups).</> : applied.created ? 'The file was created.' : ''}</p>
          <p>Next: verify the connection.</p>
        </div>
      )}
    </>
  );
}
