import type { ProbeSummary, RecentInstance, RouteId } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { Field } from '../../components/Field.js';
import { RouteChoice } from './RouteChoice.js';
import type { SetupValues } from './use-setup-values.js';

export interface ProbeState { busy: boolean; result?: ProbeSummary; error?: string }

/** A sentence about an http URL to a non-loopback host (tokens would travel in clear), or null. */
export function insecureUrlWarning(raw: string): string | null {
  try {
    const u = new URL(raw.trim());
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    if (u.protocol === 'http:' && !loopback) return `This address uses http, so sign-in tokens would cross the network unencrypted. Use the https address of ${u.hostname} if it has one.`;
  } catch { /* the probe names invalid URLs */ }
  return null;
}

function Found({ probe }: { probe: ProbeSummary }) {
  const ok = probe.verdict === 'mcp-endpoint';
  return (
    <div className={`panel ${ok ? 'panel-pass' : 'panel-fail'}`}>
      <p><strong>{ok ? 'Found an MCP server that asks for sign-in.' : 'This is not a server the helper can connect to yet.'}</strong>{ok ? '' : ` ${probe.message}`}</p>
      <dl className="facts">
        <dt>Reachable</dt><dd>{probe.reachable ? 'Yes' : 'No'}</dd>
        {probe.mcpEndpoint && <><dt>MCP endpoint</dt><dd><code>{probe.mcpEndpoint}</code></dd></>}
        {probe.generation && <><dt>Server generation</dt><dd>{probe.generation}</dd></>}
        {probe.authorizationServer && <><dt>Sign-in server</dt><dd><code>{probe.authorizationServer}</code></dd></>}
        {probe.scopesSupported && <><dt>Permissions it offers</dt><dd>{probe.scopesSupported.join(', ')}</dd></>}
      </dl>
    </div>
  );
}

/** Step 1: the instance's address, checked before anything else. */
export function ServerStep({ values, update, recent, probe, setProbe, route, setRoute }: {
  values: SetupValues; update(p: Partial<SetupValues>): void; recent: RecentInstance[];
  probe: ProbeState; setProbe(p: ProbeState): void;
  route?: RouteId; setRoute?(r: RouteId): void;
}) {
  const { api } = useClient();
  const check = async () => {
    const url = values.url.trim();
    if (!url) { setProbe({ busy: false, error: 'Enter the address of your IAM (for example https://iam.example.com) or its MCP URL, then check it.' }); return; }
    setProbe({ busy: true });
    const r = await api.probeInstance(url);
    if (!r.ok) { setProbe({ busy: false, error: r.error.message }); return; }
    if (r.value.mcpEndpoint && r.value.mcpEndpoint !== url) update({ url: r.value.mcpEndpoint });
    setProbe({ busy: false, result: r.value });
  };
  const warning = insecureUrlWarning(values.url);
  const others = recent.filter((r) => r.url !== values.url);
  return (
    <>
      <p>Enter the address of your Hanzo IAM. The base address (such as <code>https://iam.example.com</code>) is enough: the helper finds the MCP endpoint.</p>
      <Field
        label="MCP server URL" type="url" value={values.url} placeholder="https://iam.example.com"
        onChange={(url) => { update({ url }); if (probe.result || probe.error) setProbe({ busy: false }); }}
        onEnter={() => void check()}
        help="The IAM's address or its MCP URL (…/api/mcp or …/mcp)."
        error={probe.error}
      >
        <button type="button" onClick={() => void check()} disabled={probe.busy}>Check server</button>
      </Field>
      {warning && <p className="panel panel-warn"><strong>Warning:</strong> {warning}</p>}
      <div aria-live="polite">
        {probe.busy && <p className="muted">Checking the server…</p>}
        {probe.result && <Found probe={probe.result} />}
      </div>
      {probe.result?.verdict === 'mcp-endpoint' && setRoute && <RouteChoice url={values.url.trim()} clientId={values.clientId} route={route} setRoute={setRoute} />}
      {others.length > 0 && (
        <div className="recent">
          <h3>Used before</h3>
          <ul>
            {others.map((r) => (
              <li key={`${r.url} ${r.clientId}`}>
                <button type="button" className="link" onClick={() => { update({ url: r.url, clientId: r.clientId, scopes: r.scopes }); setProbe({ busy: false }); }}>
                  Use {r.url}{r.clientId ? ` (client ${r.clientId})` : ''}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
