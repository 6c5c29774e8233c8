import { useEffect, useState } from 'react';
import type { ConnectorReportValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import type { RunState } from '../../api/use-run.js';
import { CopyButton } from '../../components/CopyButton.js';
import { RunView } from '../../components/RunView.js';
import type { SetupValues } from './use-setup-values.js';

/** One connectorChecks call: the paste instructions and the connector.* checks as run rows. */
function useConnectorReport(values: SetupValues) {
  const { api } = useClient();
  const [state, setState] = useState<RunState>({ status: 'idle', cancelled: false, steps: [] });
  const [report, setReport] = useState<ConnectorReportValue | undefined>();
  const check = async () => {
    setState({ status: 'running', cancelled: false, steps: [] });
    const r = await api.connectorChecks({ url: values.url.trim(), ...(values.clientId.trim() ? { clientId: values.clientId.trim() } : {}), scopes: values.scopes.trim() });
    if (!r.ok) { setState({ status: 'error', cancelled: false, steps: [], error: r.error.message }); return; }
    setReport(r.value);
    setState({ status: r.value.summary.fail ? 'failed' : 'passed', cancelled: false, steps: r.value.checks.map((c) => ({ id: c.id, title: c.title, result: c })) });
  };
  return { state, report, check };
}

function Checks({ state, check }: { state: RunState; check(): Promise<void> }) {
  return (
    <>
      <h3>Connector checks</h3>
      <p>What Anthropic's cloud needs from this IAM: a public host, a publicly trusted certificate, Claude's callbacks registered, a way to identify Claude, the resource equal to the URL, and S256.</p>
      <button type="button" className="primary" onClick={() => void check()} disabled={state.status === 'running'}>Check connector</button>
      <RunView state={state} label="Connector checks" onCancel={() => undefined} />
    </>
  );
}

/** Route A: what to paste where in Claude's "Add custom connector" dialog, and its checks. */
export function ConnectorStep({ values }: { values: SetupValues }) {
  const { state, report, check } = useConnectorReport(values);
  // Once when the step opens.
  useEffect(() => { void check(); }, []);
  const i = report?.instructions;
  return (
    <>
      {i && (
        <>
          <p>Open <strong>{i.where}</strong> and fill in:</p>
          <table className="paste-table">
            <caption className="sr-only">What to paste into Claude's connector dialog</caption>
            <thead><tr><th scope="col">Field in Claude</th><th scope="col">Value</th><th scope="col"><span className="sr-only">Copy</span></th></tr></thead>
            <tbody>
              {i.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.field}</th>
                  <td>{f.value ? <code>{f.value}</code> : <span className="muted">leave empty</span>}{f.note && <p className="muted">{f.note}</p>}</td>
                  <td>{f.value && <CopyButton text={f.value} label={`Copy ${f.field.replace(/ \(.*\)$/, '')}`} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {i.registerRedirectUris.length > 0 && (
            <>
              <p>In IAM, add these redirect URIs to the application <code>{values.clientId.trim()}</code>:</p>
              <ul>{i.registerRedirectUris.map((u) => <li key={u}><code>{u}</code> <CopyButton text={u} label={`Copy ${new URL(u).host} callback`} /></li>)}</ul>
            </>
          )}
        </>
      )}
      <Checks state={state} check={check} />
    </>
  );
}

/** Route A's verify: the connector checks again (Claude itself signs in from Anthropic's cloud). */
export function ConnectorVerify({ values }: { values: SetupValues }) {
  const { state, check } = useConnectorReport(values);
  return (
    <>
      <p>Claude signs in to a custom connector from Anthropic's cloud, so the helper cannot sign in for it here. It checks everything the cloud depends on instead; once all pass, click <strong>Connect</strong> next to the connector in Claude.</p>
      <Checks state={state} check={check} />
    </>
  );
}
