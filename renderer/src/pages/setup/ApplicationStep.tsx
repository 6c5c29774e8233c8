import { useEffect, useState } from 'react';
import type { ProbeSummary } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Field } from '../../components/Field.js';
import type { SetupValues } from './use-setup-values.js';
import { RedirectVerdict } from './RedirectVerdict.js';
import { useRedirectCheck } from './use-redirect-check.js';

/**
 * The redirect URIs of the bridge entry depend on the server URL only (the entry fixes its callback
 * port per URL), so a dry-run preview with a stand-in client ID names them before the application
 * exists (as if the config were replaced, so a config that cannot be parsed does not hide them; a
 * dry run writes nothing).
 */
function useRedirectUris(url: string): { uris: string[]; error?: string } {
  const { api } = useClient();
  const [state, setState] = useState<{ uris: string[]; error?: string }>({ uris: [] });
  useEffect(() => {
    if (!url.trim()) return;
    let live = true;
    void api.previewSetup({ url: url.trim(), clientId: 'stand-in', replaceInvalid: true }).then((r) => {
      if (!live) return;
      setState(r.ok ? { uris: r.value.redirectUris } : { uris: [], error: r.error.message });
    });
    return () => { live = false; };
  }, [api, url]);
  return state;
}

/** Step 2: create the application in the IAM admin panel (the guide's mistakes corrected), then its client ID. */
export function ApplicationStep({ values, update, probe, clientIdError }: {
  values: SetupValues; update(p: Partial<SetupValues>): void; probe?: ProbeSummary; clientIdError?: string | null;
}) {
  const { uris, error } = useRedirectUris(values.url);
  const redirect = useRedirectCheck(values.url, values.clientId, values.scopes);
  const verdictOf = (uri: string) => redirect.value?.results.find((r) => r.uri === uri);
  const admin = probe?.issuer ?? probe?.authorizationServer;
  return (
    <>
      <p>Claude signs in to your IAM as an application. Create it once in the IAM admin panel{admin ? <> (<code>{admin}</code>)</> : ''}:</p>
      <ol className="instructions">
        <li>Open <strong>Applications</strong> and choose <strong>Add</strong>.</li>
        <li>Set <strong>Category</strong> to <strong>Agent</strong>, then <strong>Type</strong> to <strong>MCP</strong>. <span className="muted">(Some guides swap these two; Type only offers MCP once Category is Agent.)</span></li>
        <li>Under <strong>Grant types</strong>, tick <strong>Authorization Code</strong> and <strong>Refresh Token</strong>.</li>
        <li>Leave the client secret unused: the sign-in uses PKCE with the <strong>S256</strong> method on every request. <span className="muted">(There is no “Enable PKCE” checkbox to look for.)</span></li>
        <li>Add this exact address to <strong>Redirect URIs</strong>:
          {uris.length > 0 && (
            <ul className="uri-list">
              {uris.map((u) => (
                <li key={u}>
                  <code>{u}</code> <CopyButton text={u} label="Copy redirect URI" />
                  <RedirectVerdict result={verdictOf(u)} clientId={values.clientId.trim()} />
                </li>
              ))}
            </ul>
          )}
          {uris.length === 0 && !error && <span className="muted"> (shown once the server URL is set in step 1)</span>}
          {error && <p className="field-error">{error}</p>}
        </li>
        <li>Save, then copy the application’s <strong>Client ID</strong> and paste it below.</li>
      </ol>
      <Field
        label="Client ID" value={values.clientId} onChange={(clientId) => update({ clientId })}
        help="Shown on the application's page in the IAM admin panel. It is not a secret. Once it is entered, the helper asks the server whether the application accepts the redirect URI above."
        error={clientIdError}
      />
      <div className="redirect-check" aria-live="polite">
        {redirect.busy && <p className="muted">Asking the server whether the application accepts the redirect URI…</p>}
        {!redirect.busy && redirect.error && <p className="panel panel-warn">Could not check the redirect URI: {redirect.error}</p>}
        {!redirect.busy && redirect.value && <p className="muted">Checked with the server ({redirect.value.method}), without signing in.</p>}
        {values.clientId.trim() && <button type="button" className="small" onClick={redirect.check} disabled={redirect.busy}>Check again</button>}
      </div>
    </>
  );
}
