import { useEffect, useState } from 'react';
import type { ConfigLocationValue, ReadEntriesValue } from '../../../../main/shared/api-values.js';
import { useClient } from '../../api/context.js';

/** Placeholder of the setup wizard: where the config is and what it holds. */
export function SetupPage() {
  const { api } = useClient();
  const [location, setLocation] = useState<ConfigLocationValue | null>(null);
  const [entries, setEntries] = useState<ReadEntriesValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.locateConfig().then((r) => (r.ok ? setLocation(r.value) : setError(r.error.message)));
    void api.readEntries().then((r) => (r.ok ? setEntries(r.value) : setError(r.error.message)));
  }, [api]);
  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Set up</h1>
      {error && <p role="alert">{error}</p>}
      {location && <p>Claude Desktop&apos;s config: <code>{location.chosen}</code> <span className="muted">({location.reason})</span></p>}
      {entries && (
        <ul aria-label="Servers in the config">
          {entries.entries.length === 0 && <li className="muted">No MCP servers yet.</li>}
          {entries.entries.map((e) => <li key={e.name}><strong>{e.name}</strong> — {e.summary}</li>)}
        </ul>
      )}
    </section>
  );
}
