import { useState } from 'react';
import type { BundleBuilt, RouteId, SetupApplied } from '../../../../main/contract/api-values.js';
import { StepNav } from '../../components/StepNav.js';
import { ApplicationStep } from './ApplicationStep.js';
import { BundleStep } from './BundleStep.js';
import { ClaudeStep } from './ClaudeStep.js';
import { ConnectorStep, ConnectorVerify } from './ConnectorStep.js';
import { DoneStep } from './DoneStep.js';
import { PermissionsStep } from './PermissionsStep.js';
import { ServerStep, type ProbeState } from './ServerStep.js';
import { useSetupValues } from './use-setup-values.js';
import { VerifyStep } from './VerifyStep.js';

export const SETUP_STEPS = [
  { id: 'server', label: 'Server', heading: 'Which IAM?' },
  { id: 'application', label: 'Application', heading: 'Create the application' },
  { id: 'permissions', label: 'Permissions', heading: 'Choose what Claude may do' },
  { id: 'claude', label: 'Claude Desktop', heading: "Add the server to Claude Desktop's config" },
  { id: 'verify', label: 'Verify', heading: 'Verify the connection' },
  { id: 'done', label: 'Done', heading: 'Restart Claude Desktop' },
] as const;

/** The Claude step's heading per route; the other steps are the same for every route. */
const CLAUDE_HEADING: Record<RouteId, string> = {
  bridge: "Add the server to Claude Desktop's config",
  connector: 'Add the custom connector in Claude',
  bundle: 'Build and install the extension bundle',
};

export function stepsFor(route: RouteId) {
  return SETUP_STEPS.map((s) => (s.id === 'claude' ? { ...s, heading: CLAUDE_HEADING[route] } : s));
}

/** The setup wizard: from "I have an IAM URL" to an entry in Claude's config that is proven to work. */
export function SetupPage() {
  const { values, update, recent, save, route: chosen, setRoute } = useSetupValues();
  const route: RouteId = chosen ?? 'bridge';
  const steps = stepsFor(route);
  const [built, setBuilt] = useState<BundleBuilt | undefined>(undefined);
  const [step, setStep] = useState(0);
  const [probe, setProbe] = useState<ProbeState>({ busy: false });
  const [applied, setApplied] = useState<SetupApplied | undefined>(undefined);
  const go = (i: number) => { void save(); setStep(Math.max(0, Math.min(SETUP_STEPS.length - 1, i))); };
  const current = steps[step] ?? steps[0]!;
  const missing = !values.url.trim() ? 'Enter the MCP server URL in step 1 first.'
    : step >= 1 && !values.clientId.trim() ? 'Enter the Client ID first.'
      : step >= 2 && !values.scopes.trim() ? 'Choose at least one scope first.' : null;
  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Set up</h1>
      <StepNav steps={steps} current={step} onGo={go} heading={current.heading} nextDisabledReason={step <= 2 ? missing : null}>
        {current.id === 'server' && <ServerStep values={values} update={update} recent={recent} probe={probe} setProbe={setProbe} route={chosen} setRoute={setRoute} />}
        {current.id === 'application' && <ApplicationStep values={values} update={update} probe={probe.result} />}
        {current.id === 'permissions' && <PermissionsStep values={values} update={update} />}
        {current.id === 'claude' && route === 'bridge' && <ClaudeStep values={values} applied={applied} setApplied={setApplied} />}
        {current.id === 'claude' && route === 'connector' && <ConnectorStep values={values} />}
        {current.id === 'claude' && route === 'bundle' && <BundleStep values={values} built={built} setBuilt={setBuilt} />}
        {current.id === 'verify' && route === 'connector' && <ConnectorVerify values={values} />}
        {current.id === 'verify' && route !== 'connector' && (
          <VerifyStep
            values={values} written={route === 'bridge' ? Boolean(applied) : Boolean(built)} route={route}
            onScopes={(scopes) => { update({ scopes }); setApplied(undefined); }} onGoTo={(id) => go(steps.findIndex((s) => s.id === id))}
          />
        )}
        {current.id === 'done' && <DoneStep />}
      </StepNav>
    </section>
  );
}
