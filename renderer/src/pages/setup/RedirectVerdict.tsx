import type { RedirectCheckValue } from '../../../../main/contract/api-values.js';

type Verdict = RedirectCheckValue['results'][number];

/** One redirect URI's answer from the server, in words and with a status word (never colour alone). */
export function RedirectVerdict({ result, clientId }: { result?: Verdict; clientId: string }) {
  if (!result) return null;
  const said = result.said ? <> The server said: <q>{result.said}</q></> : null;
  switch (result.verdict) {
    case 'accepted':
      return <span className="status-word status-pass"> <span aria-hidden="true">✔</span> Accepted: the server takes it for this application.</span>;
    case 'refused':
      return <span className="redirect-verdict"><span className="status-word status-fail"> <span aria-hidden="true">✖</span> Not accepted yet:</span> add it to the application's Redirect URIs exactly as shown, save, then choose Check again.{said}</span>;
    case 'client-unknown':
      return <span className="redirect-verdict"><span className="status-word status-fail"> <span aria-hidden="true">✖</span> Unknown client ID:</span> the server has no application with the client ID <code>{clientId}</code>. Copy it again from the application's page.{said}</span>;
    default:
      return <span className="redirect-verdict"><span className="status-word status-warn"> <span aria-hidden="true">!</span> Could not tell:</span> the server's answer does not say whether it accepts this address; “Sign in and verify” will.{said}</span>;
  }
}
