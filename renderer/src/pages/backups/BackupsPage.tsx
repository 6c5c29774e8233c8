import { useCallback, useEffect, useState } from 'react';
import type { BackupMetaValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DiffView } from '../../components/DiffView.js';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

type Diff = { id: string; text: string; identical: boolean; target: string };

/**
 * Backups: every copy taken before a change to Claude's config, newest first; compare one with the
 * current file, restore it (the current file is backed up first; the result names that backup),
 * prune to a keep count, open the folder.
 */
export function BackupsPage() {
  const { api } = useClient();
  const [backups, setBackups] = useState<BackupMetaValue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [diff, setDiff] = useState<Diff | null>(null);
  const [confirming, setConfirming] = useState<BackupMetaValue | null>(null);
  const [keep, setKeep] = useState('10');

  const load = useCallback(async () => {
    const r = await api.listBackups();
    if (r.ok) setBackups(r.value); else setError(r.error.message);
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  const showDiff = async (b: BackupMetaValue) => {
    setError(null);
    const r = await api.diffBackup(b.id);
    if (r.ok) setDiff({ id: b.id, text: r.value.diff, identical: r.value.identical, target: r.value.target }); else setError(r.error.message);
  };
  const restore = async (b: BackupMetaValue) => {
    setConfirming(null);
    setError(null);
    const r = await api.restoreBackup(b.id);
    if (!r.ok) { setError(r.error.message); return; }
    const v = r.value;
    setMessage(!v.changed ? `The current file already equals backup ${v.restoredId}; nothing was written.`
      : `Restored backup ${v.restoredId} to ${v.targetPath}.${v.safetyBackupId ? ` The file as it was is kept as backup ${v.safetyBackupId}.` : ''} Restart Claude Desktop to load it.`);
    setDiff(null);
    await load();
  };
  const prune = async () => {
    setError(null);
    const n = Number(keep);
    if (keep.trim() === '' || !Number.isInteger(n) || n < 0) { setError('Enter how many backups to keep: a whole number, 0 or more.'); return; }
    const r = await api.pruneBackups(n);
    if (!r.ok) { setError(r.error.message); return; }
    setMessage(r.value.removed.length ? `Removed ${r.value.removed.length} older backup${r.value.removed.length === 1 ? '' : 's'}; kept the newest ${n}.` : `Nothing to remove: there are ${n} or fewer backups.`);
    await load();
  };
  const openFolder = async () => {
    const r = await api.openPath('backups');
    if (!r.ok) setError(r.error.message);
    else setMessage(r.value.opened ? `Opened ${r.value.path}.` : `The backups are in ${r.value.path}.`);
  };

  return (
    <section aria-labelledby="backups-title" className="backups">
      <h1 id="backups-title">Backups</h1>
      <p className="muted">A copy of Claude&apos;s config is taken before every change the helper makes.</p>
      <p className="actions">
        <label>Keep the newest <input type="number" min={0} max={1000} value={keep} onChange={(e) => setKeep(e.target.value)} size={4} className="keep-count" /> backups</label>{' '}
        <button type="button" onClick={() => void prune()}>Prune</button>{' '}
        <button type="button" onClick={() => void openFolder()}>Open backups folder</button>
      </p>
      <p aria-live="polite" className="backups-message">{message}</p>
      {error && <p role="alert" className="field-error">{error}</p>}
      {backups && backups.length === 0 && <p className="muted">No backups yet. One is taken before every change to the config.</p>}
      {backups && backups.length > 0 && (
        <table className="backups-table">
          <caption className="sr-only">Backups, newest first</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Reason</th><th scope="col">Source file</th><th scope="col">Size</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.id} data-backup-id={b.id}>
                <th scope="row"><time dateTime={b.createdAt}>{when(b.createdAt)}</time></th>
                <td>{b.reason}</td>
                <td><code>{b.sourcePath}</code></td>
                <td>{size(b.size)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => void showDiff(b)}>Compare</button>{' '}
                  <button type="button" className="small" onClick={() => setConfirming(b)}>Restore</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff && (
        <div className="backup-diff">
          <h2>Backup {diff.id} compared with {diff.target}</h2>
          {diff.identical ? <p>The current file equals this backup.</p> : <DiffView diff={diff.text} label={`Differences between backup ${diff.id} and the current file`} />}
        </div>
      )}
      {confirming && (
        <ConfirmDialog title="Restore this backup?" confirmLabel="Restore" onConfirm={() => void restore(confirming)} onClose={() => setConfirming(null)}>
          <p>Claude&apos;s config <code>{confirming.sourcePath}</code> will be replaced by the backup from {when(confirming.createdAt)} ({confirming.reason}). The file as it is now is backed up first.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
