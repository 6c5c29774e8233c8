import { useState } from 'react';
import type { CheckResultValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { useRun, type RunState } from '../../api/use-run.js';
import { RunView, runSummary } from '../../components/RunView.js';
import type { SetupValues } from './use-setup-values.js';
import { WizardFix, type WizardFixProps } from './WizardFix.js';

/**
 * The tool's content as text: the step's evidence holds the first characters of the JSON of the
 * MCP content blocks, so text blocks are unescaped best-effort (it may be cut short).
 */
export function toolText(content: string): string {
  const m = /^\[\{"type":"text","text":"([\s\S]*)/.exec(content);
  if (!m) return content;
  const body = m[1]!.replace(/"\}\]$/, '');
  try { return JSON.parse(`"${body}"`) as string; } catch {
    return `${body.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\')}…`;
  }
}

/** What the server answered: the tools it listed and what the read tool returned. */
function Outcome({ steps }: { steps: RunState['steps'] }) {
  const find = (id: string): CheckResultValue | undefined => steps.find((s) => s.id === id)?.result;
  const listed = find('mcp.tools-list')?.evidence.names;
  const call = find('mcp.tool-call');
  if (!Array.isArray(listed) && !call) return null;
  return (
    <div className="outcome">
      {Array.isArray(listed) && <p><strong>Tools the server offers this sign-in:</strong> {listed.map(String).join(', ') || 'none'}</p>}
      {call?.status === 'pass' && typeof call.evidence.content === 'string' && (
        <>
          <p><strong>{String(call.evidence.tool)} returned:</strong></p>
          <pre tabIndex={0} aria-label="What the read tool returned">{toolText(call.evidence.content)}</pre>
        </>
      )}
    </div>
  );
}

/** Step 5: the whole sign-in flow, then the written entry through the real bridge. */
export function VerifyStep({ values, written, route = 'bridge', onScopes, onGoTo }: {
  values: SetupValues; written: boolean; route?: 'bridge' | 'bundle';
} & Pick<WizardFixProps, 'onScopes' | 'onGoTo'>) {
  const { api } = useClient();
  const own = useRun();
  const bridge = useRun();
  const [active, setActive] = useState<'own' | 'bridge'>('own');
  const running = own.state.status === 'running' || bridge.state.status === 'running';
  const signIn = () => {
    setActive('own');
    bridge.reset();
    void own.start(() => api.startVerify({ url: values.url.trim(), clientId: values.clientId.trim(), scopes: values.scopes.trim() }));
  };
  const viaBridge = () => {
    setActive('bridge');
    void bridge.start(() => api.startBridgeVerify({ name: 'iam' }));
  };
  const run = active === 'own' ? own : bridge;
  return (
    <>
      <p><strong>Sign in and verify</strong> runs the whole sign-in: your browser opens the IAM's sign-in page; after you sign in, the helper exchanges the code, calls the server's tools and shows each step here.</p>
      {route === 'bridge' && <p><strong>Verify as Claude Desktop runs it</strong> then starts the entry written to Claude's config through the real bridge, as Claude Desktop will.</p>}
      {route === 'bundle' && <p>The extension bundle signs in with the same client ID, scopes and callback, so this proves the IAM side of the bundle. {written ? '' : 'Build the bundle in step 4 first if you have not.'}</p>}
      <div className="button-row">
        <button type="button" className="primary" onClick={signIn} disabled={running}>Sign in and verify</button>
        {route === 'bridge' && <button type="button" onClick={viaBridge} disabled={running}>Verify as Claude Desktop runs it</button>}
      </div>
      {route === 'bridge' && !written && <p className="muted">This uses the entry named iam in Claude's config: write it in step 4 first if you have not.</p>}
      {active === 'bridge' && own.state.status !== 'idle' && <p className="muted">Sign in and verify: {runSummary(own.state)}</p>}
      {run.state.status !== 'idle' && <h3>{active === 'own' ? 'Sign-in steps' : 'Bridge steps'}</h3>}
      <RunView
        state={run.state} label={active === 'own' ? 'Sign-in steps' : 'Bridge steps'} onCancel={() => void run.cancel()}
        renderFix={(step) => (run.state.status === 'running' ? null : (
          <WizardFix step={step} runId={run.state.runId} onScopes={onScopes} onGoTo={onGoTo} onRetry={active === 'own' ? signIn : viaBridge} />
        ))}
      />
      {run.state.status !== 'running' && <Outcome steps={run.state.steps} />}
    </>
  );
}
