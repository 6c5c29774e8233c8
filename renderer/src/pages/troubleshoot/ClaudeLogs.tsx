import { useState } from 'react';
import type { ClaudeLogsValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';

/**
 * Claude's logs: the tail of mcp.log and mcp-server-<name>.log from every folder Claude Desktop
 * writes them to (redacted by the app); a line matching a known failure is marked and names the
 * check that explains it.
 */
export function ClaudeLogs({ name }: { name?: string }) {
  const { api } = useClient();
  const [logs, setLogs] = useState<ClaudeLogsValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const load = async () => {
    setError(null);
    const r = await api.readClaudeLogs(name ?? '');
    if (r.ok) setLogs(r.value); else setError(r.error.message);
  };
  const open = async () => {
    const r = await api.openPath('claude-logs');
    if (!r.ok) setError(r.error.message); else setNote(r.value.opened ? `Opened ${r.value.path}.` : `Claude's logs are in ${r.value.path}.`);
  };
  return (
    <section aria-labelledby="claude-logs-title" className="claude-logs">
      <h2 id="claude-logs-title">Claude&apos;s logs</h2>
      <p>
        <button type="button" onClick={() => void load()}>Show Claude&apos;s logs</button>{' '}
        <button type="button" onClick={() => void open()}>Open logs folder</button>
      </p>
      <p aria-live="polite">{note}</p>
      {error && <p role="alert" className="field-error">{error}</p>}
      {logs && logs.files.length === 0 && (
        <p>No MCP log found{name ? ` for "${name}"` : ''}; Claude Desktop writes one after it starts the server. Looked in: {logs.searched.join(', ')}.</p>
      )}
      {logs?.files.map((f) => {
        const hits = f.lines.filter((l) => l.check).length;
        return (
          <div key={f.path} className="log-file">
            <h3><code>{f.path}</code></h3>
            <p className="muted">Last {f.lines.length} lines, secrets removed{hits ? `; ${hits} match a known failure (marked)` : ''}.</p>
            <pre className="log-lines" tabIndex={0} aria-label={`Tail of ${f.path}`}>
              {f.lines.map((l, i) => (
                <span key={i} className={l.check ? 'log-line log-hit' : 'log-line'}>
                  {l.check && <span className="log-cause">[{l.cause}: see {l.check}] </span>}
                  {l.text}{'\n'}
                </span>
              ))}
            </pre>
          </div>
        );
      })}
    </section>
  );
}
