import { useCallback, useEffect, useState } from 'react';
import type { ClaudeStatusValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';

/** Which OS the page runs on, for the restart instructions until the helper says (it runs on the same machine). */
export function osOf(userAgent: string): 'mac' | 'windows' | 'linux' {
  if (/Mac|iPhone|iPad/.test(userAgent)) return 'mac';
  if (/Windows/.test(userAgent)) return 'windows';
  return 'linux';
}

const osOfPlatform = (platform: string): ReturnType<typeof osOf> => (platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : 'linux');

const QUIT: Record<ReturnType<typeof osOf>, string> = {
  mac: 'Choose Claude → Quit Claude in the menu bar (or press ⌘Q). Closing the window is not enough: Claude keeps running.',
  windows: 'Right-click the Claude icon in the notification area (bottom right, near the clock) and choose Quit. Closing the window is not enough: Claude keeps running in the background.',
  linux: 'Quit Claude from its menu (File → Quit) or its tray icon; closing the window may leave it running.',
};

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** What the helper sees of Claude Desktop right now, in one sentence. */
function StatusLine({ status }: { status: ClaudeStatusValue }) {
  if (status.running === null) return <p className="panel panel-warn"><strong>Could not tell whether Claude Desktop is running</strong> (this computer's process list could not be read). Quit it anyway if it is open.</p>;
  if (!status.running) return <p className="panel panel-pass"><strong>Claude Desktop is not running.</strong> Open it: it reads the new config when it starts.</p>;
  if (status.restartNeeded) {
    return <p className="panel panel-warn"><strong>Claude Desktop is running{status.startedAt ? ` (started ${time(status.startedAt)})` : ''} and has not read the change yet</strong>{status.configModified ? ` (the config changed at ${time(status.configModified)})` : ''}. Quit it completely, then open it again.</p>;
  }
  return <p className="panel panel-pass"><strong>Claude Desktop is running and started after the config last changed</strong>, so it has read the new entry.</p>;
}

/** Step 6: restart Claude Desktop so it reads the config (a running Claude is detected), and what to ask first. */
export function DoneStep() {
  const { api } = useClient();
  const [status, setStatus] = useState<ClaudeStatusValue | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useCallback(async () => {
    setBusy(true);
    const r = await api.claudeStatus();
    setStatus(r.ok ? r.value : { platform: '', running: null, restartNeeded: false });
    setBusy(false);
  }, [api]);
  useEffect(() => { void check(); }, [check]);
  const os = status?.platform ? osOfPlatform(status.platform) : osOf(navigator.userAgent);
  return (
    <>
      <div aria-live="polite" className="claude-status">
        {status ? <StatusLine status={status} /> : <p className="muted">Checking whether Claude Desktop is running…</p>}
        <button type="button" className="small" onClick={() => void check()} disabled={busy}>Check again</button>
      </div>
      <ol className="instructions">
        <li><strong>Quit Claude Desktop completely.</strong> {QUIT[os]}</li>
        <li><strong>Open Claude Desktop again.</strong> It reads the config only when it starts. The first time, your browser opens the IAM's sign-in page once for the bridge.</li>
        <li><strong>Ask Claude:</strong> <q>List all applications in my IAM.</q> Claude should call <code>get_applications</code> and show them.</li>
      </ol>
      <p>If Claude shows “Unable to connect to MCP server” or the tools are missing, open <a href="#/troubleshoot">Troubleshoot</a>: it checks the entry, the bridge and Claude's logs.</p>
    </>
  );
}
