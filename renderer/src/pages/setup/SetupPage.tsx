import { useState } from 'react';
import type { SetupApplied } from '../../../../main/shared/api-values.js';
import { StepNav } from '../../components/StepNav.js';
import { ApplicationStep } from './ApplicationStep.js';
import { ClaudeStep } from './ClaudeStep.js';
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

/** The setup wizard: from "I have an IAM URL" to an entry in Claude's config that is proven to work. */
export function SetupPage() {
  const { values, update, recent, save } = useSetupValues();
  const [step, setStep] = useState(0);
  const [probe, setProbe] = useState<ProbeState>({ busy: false });
  const [applied, setApplied] = useState<SetupApplied | undefined>(undefined);
  const go = (i: number) => { void save(); setStep(Math.max(0, Math.min(SETUP_STEPS.length - 1, i))); };
  const current = SETUP_STEPS[step] ?? SETUP_STEPS[0];
  const missing = !values.url.trim() ? 'Enter the MCP server URL in step 1 first.'
    : step >= 1 && !values.clientId.trim() ? 'Enter the Client ID first.'
      : step >= 2 && !values.scopes.trim() ? 'Choose at least one scope first.' : null;
  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Set up</h1>
      <StepNav steps={SETUP_STEPS} current={step} onGo={go} heading={current.heading} nextDisabledReason={step <= 2 ? missing : null}>
        {current.id === 'server' && <ServerStep values={values} update={update} recent={recent} probe={probe} setProbe={setProbe} />}
        {current.id === 'application' && <ApplicationStep values={values} update={update} probe={probe.result} />}
        {current.id === 'permissions' && <PermissionsStep values={values} update={update} />}
        {current.id === 'claude' && <ClaudeStep values={values} applied={applied} setApplied={setApplied} />}
        {current.id === 'verify' && <VerifyStep values={values} written={Boolean(applied)} />}
        {current.id === 'done' && <DoneStep />}
      </StepNav>
    </section>
  );
}
