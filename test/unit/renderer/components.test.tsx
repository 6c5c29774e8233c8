// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CopyButton } from '../../../renderer/src/components/CopyButton.js';
import { DiffView } from '../../../renderer/src/components/DiffView.js';
import { Field } from '../../../renderer/src/components/Field.js';
import { RunView, runSummary } from '../../../renderer/src/components/RunView.js';
import { StepNav } from '../../../renderer/src/components/StepNav.js';
import type { RunState } from '../../../renderer/src/api/use-run.js';
import { fakeClient, ok, renderWith } from './fake-client.js';

afterEach(cleanup);

const step = (id: string, status: 'pass' | 'warn' | 'fail' | 'skip', extra: object = {}) => ({ id, title: `title of ${id}`, result: { id, status, title: `title of ${id}`, evidence: { sent: 'x' }, ...extra } });

describe('RunView', () => {
  it('shows each step with its id and a status word, and Cancel while running', async () => {
    const cancelled: string[] = [];
    const state: RunState = { runId: 'r1', status: 'running', cancelled: false, steps: [step('mcp.probe', 'pass'), { id: 'oauth.authorize', title: 'Authorization request' }] };
    renderWith(fakeClient(), <RunView state={state} label="Sign-in steps" onCancel={() => cancelled.push('yes')} />);
    const rows = within(screen.getByRole('list', { name: 'Sign-in steps' })).getAllByRole('listitem');
    expect(rows[0]!.textContent).toMatch(/Pass.*mcp\.probe.*title of mcp\.probe/);
    expect(rows[1]!.textContent).toMatch(/Running.*oauth\.authorize/);
    expect(screen.getByRole('status').textContent).toBe('Running: 1 step done, now Authorization request…');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toEqual(['yes']);
  });

  it('starts the summary with Verified on success and has no Cancel', () => {
    const state: RunState = { runId: 'r1', status: 'passed', cancelled: false, steps: [step('a.b', 'pass'), step('c.d', 'warn', { cause: 'slow clock' })] };
    renderWith(fakeClient(), <RunView state={state} label="Checks" onCancel={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Verified: 1 passed, 1 with a warning.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(document.querySelector('[data-step-id="c.d"] .status-word')?.textContent).toBe('! Warn');
  });

  it('starts the summary with Failed and opens the failed step with cause, fix and evidence to copy', () => {
    const state: RunState = { runId: 'r1', status: 'failed', cancelled: false, steps: [step('token.exchange', 'fail', { cause: 'the code was refused', fix: 'Sign in again.' })] };
    renderWith(fakeClient(), <RunView state={state} label="Checks" onCancel={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Failed at token.exchange: the code was refused');
    const details = screen.getByText('Details').closest('details')!;
    expect(details.open).toBe(true);
    expect(within(details).getByText('Sign in again.')).toBeTruthy();
    expect(within(details).getByRole('button', { name: 'Copy fix' })).toBeTruthy();
    expect(within(details).getByRole('button', { name: 'Copy evidence' })).toBeTruthy();
  });

  it('says Failed with the error sentence when the run could not start, and Cancelled when stopped', () => {
    expect(runSummary({ status: 'error', cancelled: false, steps: [], error: 'The helper is not answering.' })).toBe('Failed: The helper is not answering.');
    expect(runSummary({ status: 'cancelled', cancelled: true, steps: [step('a.b', 'pass')] })).toBe('Cancelled: 1 step ran before you stopped it.');
    expect(runSummary({ status: 'idle', cancelled: false, steps: [] })).toBe('');
  });
});

describe('DiffView', () => {
  it('marks added and removed lines in words, not colour only', () => {
    render(<DiffView diff={'--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same\n'} label="Change to c.json" />);
    const region = screen.getByRole('region', { name: 'Change to c.json' });
    expect(region.textContent).toContain('removed: -old');
    expect(region.textContent).toContain('added: +new');
  });
  it('says so when there is no change', () => {
    render(<DiffView diff="" label="x" />);
    expect(screen.getByText(/No change/)).toBeTruthy();
  });
});

describe('CopyButton', () => {
  it('copies through the API in the desktop window and says Copied', async () => {
    const fake = fakeClient({ copyText: () => ok({ copied: true }) }, 'electron');
    renderWith(fake, <CopyButton text="http://127.0.0.1:1/callback" label="Copy redirect URI" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy redirect URI' }));
    expect(fake.callsOf('copyText')).toEqual([['http://127.0.0.1:1/callback']]);
    expect(await screen.findByText('Copied.')).toBeTruthy();
  });
  it('tells how to copy by hand when the clipboard refuses', async () => {
    const fake = fakeClient({ copyText: () => ok({ copied: false }) }, 'electron');
    renderWith(fake, <CopyButton text="x" label="Copy fix" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy fix' }));
    expect(await screen.findByText(/select the text and press Ctrl\+C/)).toBeTruthy();
  });
});

describe('Field', () => {
  it('labels the input and reads help and error with it', () => {
    render(<Field label="Client ID" value="" onChange={() => undefined} help="From the admin panel." error="Enter the Client ID first." />);
    const input = screen.getByLabelText('Client ID');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['From the admin panel.', '✖ Enter the Client ID first.']);
  });
});

describe('StepNav', () => {
  function Wizard() {
    const [i, setI] = useState(0);
    return <StepNav steps={[{ id: 'a', label: 'First' }, { id: 'b', label: 'Second' }]} current={i} onGo={setI} heading={i === 0 ? 'Heading A' : 'Heading B'}><p>body {i}</p></StepNav>;
  }
  it('moves focus to the new step heading on Next and Back, and marks the current step', async () => {
    render(<Wizard />);
    expect(screen.getByRole('button', { name: /First/ }).getAttribute('aria-current')).toBe('step');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(document.activeElement?.textContent).toContain('Heading B');
    expect(screen.getByRole('button', { name: /Second/ }).getAttribute('aria-current')).toBe('step');
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.activeElement?.textContent).toContain('Heading A');
  });
  it('explains why Next is not possible yet', () => {
    render(<StepNav steps={[{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }]} current={0} onGo={() => undefined} heading="H" nextDisabledReason="Enter the MCP server URL in step 1 first."><p /></StepNav>);
    const next = screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    expect(document.getElementById(next.getAttribute('aria-describedby')!)?.textContent).toBe('Enter the MCP server URL in step 1 first.');
  });
});
