// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupPage } from '../../../renderer/src/pages/setup/SetupPage.js';
import { fakeClient, fail, ok, renderWith, type FakeClient } from './fake-client.js';
import { URL_, found, next, remembered, toStep, user } from './setup-fixture.js';

afterEach(cleanup);

describe('Set up, step 1 (server)', () => {
  it('asks for an address when Check server is pressed on an empty field, and Next waits for one', async () => {
    renderWith(fakeClient(), <SetupPage />);
    await user().click(screen.getByRole('button', { name: 'Check server' }));
    expect(screen.getByText(/Enter the address of your IAM/).textContent).toMatch(/then check it\.$/);
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Enter the MCP server URL in step 1 first.')).toBeTruthy();
  });

  it('shows what was found and replaces a base URL with the MCP endpoint', async () => {
    const fake = fakeClient({ probeInstance: () => ok(found) });
    renderWith(fake, <SetupPage />);
    const u = user();
    await u.type(screen.getByLabelText('MCP server URL'), 'https://iam.example.com');
    await u.click(screen.getByRole('button', { name: 'Check server' }));
    expect(await screen.findByText('Found an MCP server that asks for sign-in.')).toBeTruthy();
    expect((screen.getByLabelText('MCP server URL') as HTMLInputElement).value).toBe(URL_);
    expect(fake.callsOf('probeInstance')).toEqual([['https://iam.example.com']]);
    expect(screen.getByText('Casdoor-shaped IAM')).toBeTruthy();
  });

  it('shows an unreachable server as a sentence with a next step', async () => {
    renderWith(fakeClient({ probeInstance: () => ok({ url: 'https://nowhere.example/', reachable: false, verdict: 'unreachable', message: 'Nothing answered at nowhere.example. Check the address, then check again.', durationMs: 1 }) }), <SetupPage />);
    const u = user();
    await u.type(screen.getByLabelText('MCP server URL'), 'https://nowhere.example');
    await u.click(screen.getByRole('button', { name: 'Check server' }));
    expect(await screen.findByText(/This is not a server the helper can connect to yet/)).toBeTruthy();
    expect(screen.getByText(/Nothing answered at nowhere\.example/)).toBeTruthy();
  });

  it('shows an API error under the field', async () => {
    renderWith(fakeClient({ probeInstance: () => fail('The helper is not answering. Start it again and open the new link.') }), <SetupPage />);
    const u = user();
    await u.type(screen.getByLabelText('MCP server URL'), 'https://iam.example.com{Enter}');
    expect(await screen.findByText(/The helper is not answering/)).toBeTruthy();
    expect(screen.getByLabelText('MCP server URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('warns about http to a non-loopback host', async () => {
    renderWith(fakeClient(), <SetupPage />);
    await user().type(screen.getByLabelText('MCP server URL'), 'http://iam.example.com');
    expect(screen.getByText(/unencrypted/)).toBeTruthy();
  });

  it('offers an instance used before and restores the last one after a restart', async () => {
    const fake = fakeClient({ getSettings: () => ok({ ...remembered, recentInstances: [...remembered.recentInstances, { url: 'https://old.example/mcp', clientId: 'old', scopes: 'openid' }] }) });
    renderWith(fake, <SetupPage />);
    await waitFor(() => expect((screen.getByLabelText('MCP server URL') as HTMLInputElement).value).toBe(URL_));
    await user().click(screen.getByRole('button', { name: 'Use https://old.example/mcp (client old)' }));
    expect((screen.getByLabelText('MCP server URL') as HTMLInputElement).value).toBe('https://old.example/mcp');
  });
});

describe('Set up, values', () => {
  it('survive Back/Next and are saved as the newest recent instance', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered) });
    const u = await toStep(fake, 2);
    const id = screen.getByLabelText('Client ID');
    await u.clear(id);
    await u.type(id, 'new-client');
    await next(u);
    await u.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('new-client');
    const saved = fake.callsOf('saveSettings').at(-1)![0] as { recentInstances: { clientId: string }[] };
    expect(saved.recentInstances[0]!.clientId).toBe('new-client');
  });
});

describe('Set up, step 2 (application)', () => {
  it('names the redirect URI to register with a copy button, the corrected settings, and the Client ID field', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered) });
    await toStep(fake, 2);
    expect(await screen.findByText('http://127.0.0.1:25000/callback')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy redirect URI' })).toBeTruthy();
    expect(screen.getByText('Agent')).toBeTruthy();
    expect(screen.getByText('S256')).toBeTruthy();
    expect(screen.getByText('Refresh Token')).toBeTruthy();
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('abc');
  });

  it('asks for the Client ID before going on', async () => {
    const u = await toStep(fakeClient({ getSettings: () => ok(remembered) }), 2);
    await u.clear(screen.getByLabelText('Client ID'));
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Enter the Client ID first.')).toBeTruthy();
  });

  it('shows the preview error when the URL cannot make an entry', async () => {
    await toStep(fakeClient({ getSettings: () => ok(remembered), previewSetup: () => fail('The MCP URL uses http for the non-loopback host x, so tokens would cross the network unencrypted; use its https address. Correct it and preview again.') }), 2);
    expect(await screen.findByText(/Correct it and preview again/)).toBeTruthy();
  });
});

describe('Set up, step 3 (permissions)', () => {
  it('preselects read-only, explains each scope, and translates guide names on request', async () => {
    const u = await toStep(fakeClient({ getSettings: () => ok(remembered) }), 3);
    expect((screen.getByRole('radio', { name: /Read applications \(recommended\)/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/List and read applications/)).toBeTruthy();
    const scopes = screen.getByLabelText('Scopes');
    await u.clear(scopes);
    await u.type(scopes, 'openid read:application');
    expect(screen.getByRole('alert').textContent).toMatch(/“read:application” is a name from the setup guide\. The server calls it “application:read”/);
    expect((screen.getByRole('radio', { name: /Custom/ }) as HTMLInputElement).checked).toBe(true);
    await u.click(screen.getByRole('button', { name: "Use the server's names" }));
    expect((screen.getByLabelText('Scopes') as HTMLInputElement).value).toBe('openid application:read');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Set up, step 4 (Claude Desktop)', () => {
  const entries = { configPath: '/c.json', exists: true, entries: [{ name: 'files', kind: 'other', summary: 'npx files-server' }] };
  it('shows the file in use and the other servers, previews the diff and writes with the preview hash', async () => {
    const fake = fakeClient({
      getSettings: () => ok(remembered), readEntries: () => ok(entries),
      previewSetup: () => ok({ configPath: '/c.json', name: 'iam', changed: true, created: false, replacedEntry: false, diff: '--- a\n+++ b\n@@ -1 +1 @@\n+  "iam": {}\n', redirectUris: [], scopes: [], warnings: [], sha256: 'f'.repeat(64) }),
      applySetup: () => ok({ configPath: '/c.json', changed: true, created: false, backup: { id: 'claude-20261129-1', createdAt: '', sourcePath: '/c.json', size: 1, sha256: '', reason: 'setup' }, diff: '', redirectUris: [], restartClaudeDesktop: true }),
    });
    const u = await toStep(fake, 4);
    expect((await screen.findByLabelText('Claude Desktop config file') as HTMLInputElement).value).toBe('/home/u/.config/Claude/claude_desktop_config.json');
    expect(await screen.findByText('files')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Preview change' }));
    expect(within(await screen.findByRole('region', { name: 'Change to /c.json' })).getByText(/"iam"/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Write to Claude config' }));
    expect(await screen.findByText('Written.')).toBeTruthy();
    expect(screen.getByText('claude-20261129-1')).toBeTruthy();
    expect(fake.callsOf('applySetup')[0]![1]).toBe('f'.repeat(64));
  });

  it('stops on an unparseable file with its line:column, writes nothing, and offers a fresh file with a backup', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered), readEntries: () => ok({ configPath: '/c.json', exists: true, problem: { code: 'CONFIG_INVALID_JSON', message: '/c.json is not valid JSON at line 3, column 34 (PropertyNameExpected).' }, entries: [] }) });
    const u = await toStep(fake, 4);
    expect((await screen.findByRole('alert')).textContent).toMatch(/line 3, column 34/);
    expect((screen.getByRole('button', { name: 'Write to Claude config' }) as HTMLButtonElement).disabled).toBe(true);
    await u.click(screen.getByRole('checkbox', { name: /start a new file/ }));
    expect((screen.getByRole('button', { name: 'Write to Claude config' }) as HTMLButtonElement).disabled).toBe(false);
    await u.click(screen.getByRole('button', { name: 'Preview change' }));
    expect((fake.callsOf('previewSetup').at(-1)![0] as { replaceInvalid?: boolean }).replaceInvalid).toBe(true);
  });

  it('shows a write that was refused (the file changed since the preview) as a sentence', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered), applySetup: () => fail('The config changed since the preview; preview again, then write.') });
    const u = await toStep(fake, 4);
    await u.click(await screen.findByRole('button', { name: 'Write to Claude config' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The config changed since the preview; preview again, then write.');
  });
});

describe('Set up, step 5 (verify)', () => {
  it('shows steps live, ends Verified, then runs the bridge', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered), startVerify: () => ok({ runId: 'v1' }), startBridgeVerify: () => ok({ runId: 'b1' }),
      getRun: (id) => ok({ runId: id, kind: 'verify', status: 'passed', cancelled: false, steps: [{ id: 'token.exchange', status: 'pass', title: 'Code exchanged', evidence: {} }], summary: { pass: 1, warn: 0, fail: 0, skip: 0 } }) });
    const u = await toStep(fake, 5);
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    await waitFor(() => expect(fake.callsOf('startVerify')).toEqual([[{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }]]));
    expect(screen.getByRole('status').textContent).toMatch(/^Running/);
    act(() => fake.emit({ type: 'step', runId: 'v1', seq: 1, phase: 'start', id: 'token.exchange', title: 'Code exchanged' }));
    expect(within(screen.getByRole('list', { name: 'Sign-in steps' })).getByText('token.exchange')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('cancel')).toEqual([['v1']]);
    act(() => fake.emit({ type: 'step', runId: 'v1', seq: 2, phase: 'end', id: 'token.exchange', title: 'Code exchanged', result: { id: 'token.exchange', status: 'pass', title: 'Code exchanged', evidence: {} } }));
    act(() => fake.emit({ type: 'done', runId: 'v1', seq: 3, status: 'passed', cancelled: false }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Verified: 1 passed.'));
    await u.click(screen.getByRole('button', { name: 'Verify as Claude Desktop runs it' }));
    expect(fake.callsOf('startBridgeVerify')).toEqual([[{ name: 'iam' }]]);
    expect(screen.getByText('Sign in and verify: Verified: 1 passed.')).toBeTruthy();
  });

  it('keeps events that arrive before the run id and ends Failed with the cause', async () => {
    const failStep = { id: 'redirect.loopback', status: 'fail' as const, title: 'Loopback redirect accepted', evidence: {}, cause: 'the authorization server refused the redirect URI http://127.0.0.1:25000/callback', fix: 'Register exactly http://127.0.0.1:25000/callback.' };
    let emit: FakeClient['emit'] = () => undefined;
    const fake = fakeClient({
      getSettings: () => ok(remembered),
      startVerify: () => { emit({ type: 'step', runId: 'v2', seq: 1, phase: 'end', id: failStep.id, title: failStep.title, result: failStep }); emit({ type: 'done', runId: 'v2', seq: 2, status: 'failed', cancelled: false }); return ok({ runId: 'v2' }); },
      getRun: () => ok({ runId: 'v2', kind: 'verify', status: 'failed', cancelled: false, steps: [failStep], summary: { pass: 0, warn: 0, fail: 1, skip: 0 } }),
    });
    emit = fake.emit;
    const u = await toStep(fake, 5);
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Failed at redirect.loopback: the authorization server refused the redirect URI http://127.0.0.1:25000/callback'));
    expect(screen.getByText('Register exactly http://127.0.0.1:25000/callback.')).toBeTruthy();
  });

  it('ends Failed with the sentence when the run cannot start', async () => {
    const u = await toStep(fakeClient({ getSettings: () => ok(remembered), startVerify: () => fail('Verify is not available in this version yet; use the CLI (iam-mcp-helper --help).') }), 5);
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Failed: Verify is not available in this version yet; use the CLI (iam-mcp-helper --help).'));
  });
});

describe('Set up, step 6 (done)', () => {
  it('tells how to restart Claude Desktop and what to ask first', async () => {
    await toStep(fakeClient({ getSettings: () => ok(remembered) }), 6);
    expect(screen.getByText('Quit Claude Desktop completely.')).toBeTruthy();
    expect(screen.getByText('List all applications in my IAM.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Troubleshoot' }).getAttribute('href')).toBe('#/troubleshoot');
  });
});
