import { useEffect, useState } from 'react';
import type { BackupMetaValue } from '../../../../main/shared/api-values.js';
import { useClient } from '../../api/context.js';

/** Placeholder of the backups page: every backup, newest first. */
export function BackupsPage() {
  const { api } = useClient();
  const [backups, setBackups] = useState<BackupMetaValue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.listBackups().then((r) => (r.ok ? setBackups(r.value) : setError(r.error.message)));
  }, [api]);
  return (
    <section aria-labelledby="backups-title">
      <h1 id="backups-title">Backups</h1>
      {error && <p role="alert">{error}</p>}
      {backups && backups.length === 0 && <p className="muted">No backups yet. One is taken before every change to the config.</p>}
      {backups && backups.length > 0 && (
        <ul aria-label="Backups">
          {backups.map((b) => <li key={b.id}><code>{b.id}</code> {b.createdAt} — {b.reason}</li>)}
        </ul>
      )}
    </section>
  );
}
