import { useState } from 'react';
import type { BundleBuilt } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Field } from '../../components/Field.js';
import type { SetupValues } from './use-setup-values.js';

/** 1 234 567 bytes → "1.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Route C: build the Claude Desktop extension (.mcpb) and install it. */
export function BundleStep({ values, built, setBuilt }: { values: SetupValues; built: BundleBuilt | undefined; setBuilt(b: BundleBuilt | undefined): void }) {
  const { api } = useClient();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const build = async () => {
    setBusy(true); setError('');
    const r = await api.buildBundle({ url: values.url.trim(), clientId: values.clientId.trim(), scopes: values.scopes.trim(), ...(folder.trim() ? { folder: folder.trim() } : {}) });
    setBusy(false);
    if (r.ok) setBuilt(r.value); else { setBuilt(undefined); setError(r.error.message); }
  };
  return (
    <>
      <p>The extension bundle holds the sign-in bridge (mcp-remote) and your IAM's settings. Claude Desktop runs it with its own built-in Node.js: nothing to install with npx, no Node version to get right.</p>
      <Field label="Bundle folder" value={folder} onChange={setFolder} placeholder="next to Claude Desktop's config file"
        help="A full path to a folder to save the .mcpb in. Leave it empty to save it next to Claude Desktop's config file." error={error || null} />
      <button type="button" className="primary" onClick={() => void build()} disabled={busy}>Build extension bundle</button>
      <div aria-live="polite">
        {busy && <p className="muted">Building the bundle (packing mcp-remote and its dependencies)…</p>}
        {built && !busy && (
          <div className="panel panel-pass">
            <p><strong>Built {built.fileName} ({formatSize(built.size)}).</strong></p>
            <dl className="facts">
              <dt>Saved to</dt><dd><code>{built.path}</code> <CopyButton text={built.path} label="Copy path" /></dd>
              <dt>Bridge inside</dt><dd>mcp-remote {built.mcpRemoteVersion}</dd>
              <dt>Redirect URI</dt><dd><code>{built.redirectUris.join(', ')}</code></dd>
            </dl>
            {built.warnings.map((w) => <p key={w} className="panel panel-warn">{w}</p>)}
          </div>
        )}
      </div>
      <h3>Install it in Claude Desktop</h3>
      <ol className="instructions">
        <li><strong>Double-click the .mcpb file</strong> (or in Claude Desktop open Settings → Extensions and drag the file onto the window, or use its install button and choose the file).</li>
        <li><strong>Click Install</strong> and confirm the client ID and scopes it shows.</li>
        <li>Then verify the IAM side in the next step.</li>
      </ol>
    </>
  );
}
