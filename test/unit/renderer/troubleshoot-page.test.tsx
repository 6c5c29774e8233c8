// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResultValue } from '../../../main/contract/api-values.js';
import { TroubleshootPage } from '../../../renderer/src/pages/troubleshoot/TroubleshootPage.js';
import { fakeClient, fail, ok, renderWith, type FakeClient } from './fake-client.js';

afterEach(cleanup);

const entries = ok({ configPath: '/c.json', exists: true, entries: [
  { name: 'iam', kind: 'broken', summary: 'mcp-remote for https://iam.example.com/api/mcp', problem: 'The package name does not exist.' },
  { name: 'files', kind: 'other', summary: 'a local server' },
] });
const pass = (id: string, title: string): CheckResultValue => ({ id, status: 'pass', title, evidence: {} });
const pkg: CheckResultValue = { id: 'config.bridge-package', status: 'fail', title: 'The bridge package exists', evidence: { args: ['-y', '@hanzo/mcp-remote'], authorization: '[redacted]' },
  cause: 'the entry runs a package that does not exist', fix: 'Run mcp-remote instead.', fixAction: { action: 'config.rewrite-entry', name: 'iam' } };
const redirect: CheckResultValue = { id: 'redirect.loopback', status: 'warn', title: 'Loopback redirect accepted', evidence: {}, cause: 'the server may refuse the redirect URI',
  fix: 'Register the redirect URI.', fixAction: { action: 'iam.register-redirect-uri', uri: 'http://127.0.0.1:25000/callback' } };
const skip: CheckResultValue = { id: 'token.expiry', status: 'skip', title: 'Token lifetime', evidence: {}, cause: 'no sign-in in this run' };

function finishedRun(fake: { current?: FakeClient }, runId: string, steps: CheckResultValue[], status: 'passed' | 'failed' | 'cancelled' = 'failed') {
  return () => {
    let seq = 0;
    for (const s of steps) fake.current!.emit({ type: 'step', runId, seq: ++seq, phase: 'end', id: s.id, title: s.title, result: s });
    fake.current!.emit({ type: 'done', runId, seq: ++seq, status, cancelled: status === 'cancelled' });
    return ok({ runId });
  };
}
const runInfo = (runId: string, steps: CheckResultValue[], status: 'passed' | 'failed' | 'cancelled') => ok({ runId, kind: 'doctor', status, cancelled: status === 'cancelled', steps, summary: { pass: 0, warn: 0, fail: 0, skip: 0 } });

async function ready(fake: FakeClient) {
  renderWith(fake, <TroubleshootPage />);
  await waitFor(() => expect((screen.getByLabelText("Entry in Claude's config") as HTMLSelectElement).value).toBe('iam'));
  return userEvent.setup();
}

describe('Troubleshoot', () => {
  it('lists every entry, the broken one too, and runs the doctor on the chosen entry with live progress and Cancel', async () => {
    const fake = fakeClient({ readEntries: () => entries, startDoctor: () => ok({ runId: 'd1' }), getRun: () => runInfo('d1', [pass('config.found', 'Config found')], 'cancelled') });
    const u = await ready(fake);
    expect(screen.getByRole('option', { name: 'iam (broken)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'files' })).toBeTruthy();
    expect(screen.getByText(/The package name does not exist/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    expect(fake.callsOf('startDoctor')).toEqual([[{ name: 'iam' }]]);
    expect(screen.getByRole('status').textContent).toMatch(/^Running/);
    act(() => fake.emit({ type: 'step', runId: 'd1', seq: 1, phase: 'start', id: 'config.found', title: 'Config found' }));
    const row = within(screen.getByRole('list', { name: 'Config checks' })).getByText('config.found').closest('li')!;
    expect(row.textContent).toMatch(/Running/);
    await u.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('cancel')).toEqual([['d1']]);
    act(() => fake.emit({ type: 'done', runId: 'd1', seq: 2, status: 'cancelled', cancelled: true }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Cancelled/));
  });

  it("lists the guide's entry as broken with the engine's reason and chooses it over a server that is not an IAM", async () => {
    // What readEntries answers for such a config (test/unit/diagnostics/entry-verdict.test.ts): the unrelated server first, the guide's entry after it.
    const guide = { name: 'hanzo', kind: 'broken' as const, summary: '@modelcontextprotocol/server-oauth to https://iam.example.com/api/mcp', url: 'https://iam.example.com/api/mcp', clientId: 'abc123',
      problem: 'It runs the npm package "@modelcontextprotocol/server-oauth", which does not exist, so Claude Desktop cannot start it. It requests the guide\'s scope names read:application, which the server calls application:read, so tool calls would be refused.' };
    const files = { name: 'files', kind: 'other' as const, summary: 'npx -y @modelcontextprotocol/server-filesystem /tmp' };
    const fake = fakeClient({ readEntries: () => ok({ configPath: '/c.json', exists: true, entries: [files, guide] }) });
    renderWith(fake, <TroubleshootPage />);
    await waitFor(() => expect((screen.getByLabelText("Entry in Claude's config") as HTMLSelectElement).value).toBe('hanzo'));
    expect(screen.getByRole('option', { name: 'hanzo (broken)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'files' })).toBeTruthy();
    expect(screen.getByText(/which does not exist, so Claude Desktop cannot start it/)).toBeTruthy();
    expect(screen.getByText(/guide's scope names read:application/)).toBeTruthy();
  });

  it('Include sign-in checks: the doctor signs in first (signIn: true), the wait for the sign-in shows, then the token rows', async () => {
    const holder: { current?: FakeClient } = {};
    const expiry = pass('token.expiry', 'Access token is not expired');
    const fake = fakeClient({ readEntries: () => entries, startDoctor: () => ok({ runId: 's1' }), getRun: () => runInfo('s1', [expiry], 'passed') });
    holder.current = fake;
    const u = await ready(fake);
    const box = screen.getByRole('checkbox', { name: 'Include sign-in checks' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await u.click(box);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    expect(fake.callsOf('startDoctor')).toEqual([[{ name: 'iam', signIn: true }]]);
    expect((screen.getByRole('checkbox', { name: 'Include sign-in checks' }) as HTMLInputElement).disabled).toBe(true);
    act(() => fake.emit({ type: 'note', runId: 's1', seq: 1, message: 'Waiting for sign-in: finish signing in to the IAM in the browser that opened (up to 120 s).' }));
    expect(screen.getByRole('status').textContent).toMatch(/^Running: .*Waiting for sign-in/);
    act(() => fake.emit({ type: 'step', runId: 's1', seq: 2, phase: 'end', id: expiry.id, title: expiry.title, result: expiry }));
    act(() => fake.emit({ type: 'done', runId: 's1', seq: 3, status: 'passed', cancelled: false }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^No problems found/));
    expect(screen.getByText('token.expiry', { selector: 'code' }).closest('li')!.textContent).toMatch(/Pass/);
    // Unticked, the next run does not sign in.
    await u.click(screen.getByRole('checkbox', { name: 'Include sign-in checks' }));
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    expect(fake.callsOf('startDoctor')[1]).toEqual([{ name: 'iam' }]);
  });

  it('a check skipped for want of a sign-in names no flag and offers one click: tick Include sign-in checks and run again', async () => {
    const holder: { current?: FakeClient } = {};
    const noToken: CheckResultValue = { id: 'token.expiry', status: 'skip', title: 'Access token is not expired', evidence: {},
      cause: 'Skipped: this check needs a sign-in, and this run has none.', fix: 'Sign in first to run this check.', fixAction: { action: 'run.sign-in' } };
    const fake = fakeClient({ readEntries: () => entries, startDoctor: finishedRun(holder, 'd9', [noToken], 'passed'), getRun: () => runInfo('d9', [noToken], 'passed') });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^No problems found/));
    const row = screen.getByText('token.expiry', { selector: 'code' }).closest('li')!;
    await u.click(within(row).getByText('Details'));
    expect(row.textContent).not.toMatch(/--login/);
    expect(within(row).getByText('Sign in first to run this check.')).toBeTruthy();
    await u.click(within(row).getByRole('button', { name: /^Run again with sign-in checks/ }));
    expect(fake.callsOf('startDoctor')).toEqual([[{ name: 'iam' }], [{ name: 'iam', signIn: true }]]);
    expect((screen.getByRole('checkbox', { name: 'Include sign-in checks' }) as HTMLInputElement).checked).toBe(true);
  });

  it('groups findings by area with status words, opens failures to cause, fix and redacted evidence, and says what to do by hand', async () => {
    const holder: { current?: FakeClient } = {};
    const steps = [pass('config.found', 'Config found'), pkg, pass('net.dns', 'Name resolves'), redirect, skip];
    const fake = fakeClient({ readEntries: () => entries, startDoctor: finishedRun(holder, 'd2', steps), getRun: () => runInfo('d2', steps, 'failed') });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Problems found: 1 failed, 1 with a warning, 2 passed\. First: config\.bridge-package/));
    for (const area of ['Config', 'Network', 'Redirect', 'Token']) expect(screen.getByRole('heading', { name: area })).toBeTruthy();
    const row = (id: string) => screen.getByText(id, { selector: 'code' }).closest('li')!;
    expect(row('config.found').textContent).toMatch(/Pass/);
    expect(row('config.bridge-package').textContent).toMatch(/Fail/);
    expect(row('redirect.loopback').textContent).toMatch(/Warn/);
    expect(row('token.expiry').textContent).toMatch(/Skip/);
    expect(within(row('config.bridge-package')).getByText('the entry runs a package that does not exist')).toBeTruthy();
    expect(within(row('config.bridge-package')).getByLabelText('Evidence of config.bridge-package').textContent).toMatch(/\[redacted\]/);
    expect(within(row('config.bridge-package')).getByRole('button', { name: 'Copy evidence' })).toBeTruthy();
    await u.click(within(row('redirect.loopback')).getByText('Details'));
    expect(within(row('redirect.loopback')).getByText(/add http:\/\/127\.0\.0\.1:25000\/callback under Redirect URIs/)).toBeTruthy();
  });

  it('ends No problems found when every check passes', async () => {
    const holder: { current?: FakeClient } = {};
    const steps = [pass('config.found', 'Config found'), pass('cors.metadata', 'CORS on metadata')];
    const fake = fakeClient({ readEntries: () => entries, startDoctor: finishedRun(holder, 'd3', steps, 'passed'), getRun: () => runInfo('d3', steps, 'passed') });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No problems found: 2 checks passed.'));
    expect(screen.getByRole('heading', { name: 'CORS' })).toBeTruthy();
  });

  it('previews a fix, applies it after confirmation and runs the checks again', async () => {
    const holder: { current?: FakeClient } = {};
    let runs = 0;
    const fixed = { ...pkg, status: 'pass' as const, cause: undefined, fix: undefined, fixAction: undefined };
    const fake = fakeClient({
      readEntries: () => entries,
      startDoctor: () => (++runs === 1 ? finishedRun(holder, 'd4', [pkg], 'failed') : finishedRun(holder, 'd5', [fixed], 'passed'))(),
      getRun: (id) => (id === 'd4' ? runInfo('d4', [pkg], 'failed') : runInfo('d5', [fixed], 'passed')),
      previewFix: () => ok({ runId: 'd4', findingId: pkg.id, action: 'config.rewrite-entry', description: 'Rewrite the "iam" entry as the helper builds it.', configPath: '/c.json', diff: '--- a\n+++ b\n-  "@hanzo/mcp-remote"\n+  "mcp-remote@0.1.37"\n', sha256: 'a'.repeat(64) }),
      applyFix: () => ok({ action: 'config.rewrite-entry', changed: true, backupId: 'bk-1', message: 'The entry was rewritten. Restart Claude Desktop to load it.' }),
    });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    await u.click(await screen.findByRole('button', { name: /Rewrite the entry/ }));
    const preview = await screen.findByRole('group', { name: 'Fix for config.bridge-package' });
    expect(within(preview).getByText(/mcp-remote@0\.1\.37/)).toBeTruthy();
    expect(fake.callsOf('applyFix')).toEqual([]);
    await u.click(within(preview).getByRole('button', { name: 'Apply fix' }));
    expect(fake.callsOf('applyFix')).toEqual([['d4', 'config.bridge-package', 'a'.repeat(64)]]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^No problems found/));
    expect(fake.callsOf('startDoctor')).toEqual([[{ name: 'iam' }], [{ name: 'iam' }]]);
    expect(screen.getByText(/backed up as bk-1/)).toBeTruthy();
    expect(fake.callsOf('readEntries')).toHaveLength(2);
    expect((screen.getByLabelText("Entry in Claude's config") as HTMLSelectElement).value).toBe('iam');
  });

  it('shows a fix that cannot be previewed as a sentence, and Keep as is writes nothing', async () => {
    const holder: { current?: FakeClient } = {};
    let previews = 0;
    const fake = fakeClient({
      readEntries: () => entries, startDoctor: finishedRun(holder, 'd6', [pkg]), getRun: () => runInfo('d6', [pkg], 'failed'),
      previewFix: () => (++previews === 1 ? fail('The entry lacks the MCP URL or the client ID, so the app cannot rebuild it; use Set up to write a new one.')
        : ok({ runId: 'd6', findingId: pkg.id, action: 'config.rewrite-entry', description: 'Rewrite it.', diff: '', sha256: '' })),
    });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    await u.click(await screen.findByRole('button', { name: /Rewrite the entry/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/use Set up to write a new one/);
    await u.click(screen.getByRole('button', { name: /Rewrite the entry/ }));
    await u.click(await screen.findByRole('button', { name: 'Keep as is' }));
    expect(fake.callsOf('applyFix')).toEqual([]);
  });

  it('runs a server typed by hand, shows a start error, and leaves the bridge run to entries', async () => {
    const fake = fakeClient({ readEntries: () => ok({ configPath: '/c.json', exists: false, entries: [] }), startDoctor: () => fail('Nothing answered at iam.example.com. Check the address, then run again.') });
    renderWith(fake, <TroubleshootPage />);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('MCP URL'), 'https://iam.example.com/api/mcp');
    await u.type(screen.getByLabelText('Client ID'), 'abc');
    expect((screen.getByRole('button', { name: 'Verify as Claude Desktop runs it' }) as HTMLButtonElement).disabled).toBe(true);
    await u.click(screen.getByRole('button', { name: 'Run diagnosis' }));
    expect(fake.callsOf('startDoctor')).toEqual([[{ url: 'https://iam.example.com/api/mcp', clientId: 'abc' }]]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Problems found: the diagnosis could not finish\. Nothing answered/));
  });

  it('verifies the bridge as Claude Desktop runs it and exports the report', async () => {
    const holder: { current?: FakeClient } = {};
    const steps = [pass('bridge.node-version', 'Node on Claude’s PATH')];
    const fake = fakeClient({ readEntries: () => entries, startBridgeVerify: finishedRun(holder, 'b1', steps, 'passed'), getRun: () => runInfo('b1', steps, 'passed'),
      exportReport: (_id, format) => ok({ format, fileName: `report.${String(format)}`, text: format === 'json' ? '{"ok":true}' : '# Report' }) });
    holder.current = fake;
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: 'Verify as Claude Desktop runs it' }));
    expect(fake.callsOf('startBridgeVerify')).toEqual([[{ name: 'iam' }]]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^No problems found/));
    await u.selectOptions(screen.getByLabelText('Report format'), 'json');
    await u.click(screen.getByRole('button', { name: 'Export report' }));
    expect(fake.callsOf('exportReport')).toEqual([['b1', 'json']]);
    expect(await screen.findByRole('button', { name: 'Copy report' })).toBeTruthy();
  });

  it("shows Claude's logs for the chosen entry with known failures marked, and says where it looked when there are none", async () => {
    let calls = 0;
    const fake = fakeClient({ readEntries: () => entries, readClaudeLogs: () => (++calls === 1
      ? ok({ searched: ['/h/.config/Claude/logs'], files: [{ path: '/h/.config/Claude/logs/mcp-server-iam.log', lines: [
        { text: 'Using callback port 25000' }, { text: 'Error: listen EADDRINUSE 127.0.0.1:25000', cause: 'the callback port is taken by another process (bridge.callback-port)', check: 'bridge.callback-port' }] }] })
      : ok({ searched: ['/h/.config/Claude/logs'], files: [] })) });
    const u = await ready(fake);
    await u.click(screen.getByRole('button', { name: "Show Claude's logs" }));
    expect(fake.callsOf('readClaudeLogs')).toEqual([['iam']]);
    const tail = await screen.findByLabelText('Tail of /h/.config/Claude/logs/mcp-server-iam.log');
    const hit = within(tail).getByText(/EADDRINUSE/).closest('.log-line')!;
    expect(hit.className).toMatch(/log-hit/);
    expect(hit.textContent).toMatch(/see bridge\.callback-port/);
    expect(screen.getByText(/1 match a known failure/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: "Show Claude's logs" }));
    expect(await screen.findByText(/No MCP log found for "iam".*Looked in: \/h\/\.config\/Claude\/logs/)).toBeTruthy();
  });
});
