// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResultValue } from '../../../main/contract/api-values.js';
import { fakeClient, fail, ok } from './fake-client.js';
import { URL_, remembered, toStep } from './setup-fixture.js';

afterEach(cleanup);

const URI = 'http://127.0.0.1:25000/callback';
const redirectAnswer = (verdict: string, said?: string) => () => ok({ method: 'GET /api/get-app-login', results: [{ uri: URI, verdict, ...(said ? { said } : {}) }] });

describe('Set up, step 2: is the redirect URI accepted?', () => {
  it('asks the server once a client ID is there and says the application accepts it', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered), checkRedirectUris: redirectAnswer('accepted') });
    await toStep(fake, 2);
    expect(await screen.findByText(/Accepted: the server takes it for this application\./, {}, { timeout: 3000 })).toBeTruthy();
    expect(fake.callsOf('checkRedirectUris')[0]).toEqual([{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }]);
    expect(screen.getByText(/Checked with the server \(GET \/api\/get-app-login\)/)).toBeTruthy();
  });

  it('a refused URI says what to add and where, with the server\'s words; Check again asks again', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered), checkRedirectUris: redirectAnswer('refused', `Redirect URI: ${URI} doesn't exist in the allowed Redirect URI list`) });
    const u = await toStep(fake, 2);
    expect(await screen.findByText(/Not accepted yet:/, {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText(/add it to the application's Redirect URIs exactly as shown/)).toBeTruthy();
    expect(screen.getByText(/doesn't exist in the allowed Redirect URI list/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(fake.callsOf('checkRedirectUris').length).toBe(2));
  });

  it('an unknown client ID is named; an API error is a sentence', async () => {
    await toStep(fakeClient({ getSettings: () => ok(remembered), checkRedirectUris: redirectAnswer('client-unknown') }), 2);
    expect(await screen.findByText(/Unknown client ID:/, {}, { timeout: 3000 })).toBeTruthy();
    cleanup();
    await toStep(fakeClient({ getSettings: () => ok(remembered), checkRedirectUris: () => fail('Nothing answered at iam.example.com (ECONNREFUSED). Check the address, then check again.') }), 2);
    expect(await screen.findByText(/Could not check the redirect URI: Nothing answered/, {}, { timeout: 3000 })).toBeTruthy();
  });
});

describe('Set up, step 4: the config file field', () => {
  it('is editable: another file is chosen before the preview, and a refused path is a sentence', async () => {
    const other = '/tmp/other/claude_desktop_config.json';
    let chosen = '/home/u/.config/Claude/claude_desktop_config.json';
    const fake = fakeClient({
      getSettings: () => ok(remembered),
      locateConfig: () => ok({ chosen, reason: chosen === other ? 'chosen in the app' : "Claude Desktop's config under ~/.config", exists: false, candidates: [], backupsDir: '/b', chosenBy: chosen === other ? 'app' : 'claude' }),
      chooseConfigFile: (p) => {
        if (p === 'relative.json') return fail('“relative.json” is not a full path. Enter the whole path, starting with /.', 'CONFIG_PATH_NOT_ABSOLUTE');
        chosen = (p as string) || '/home/u/.config/Claude/claude_desktop_config.json';
        return ok({ chosen, reason: 'chosen in the app', exists: false, candidates: [], backupsDir: '/b', chosenBy: p ? 'app' : 'claude' });
      },
    });
    const u = await toStep(fake, 4);
    const field = await screen.findByLabelText('Claude Desktop config file') as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe(chosen));
    await u.clear(field);
    await u.type(field, 'relative.json');
    await u.click(screen.getByRole('button', { name: 'Preview change' }));
    expect(await screen.findByText(/is not a full path/)).toBeTruthy();
    expect(fake.callsOf('previewSetup').filter((c) => (c[0] as { clientId: string }).clientId !== 'stand-in')).toEqual([]);
    await u.clear(field);
    await u.type(field, other);
    await u.click(screen.getByRole('button', { name: 'Preview change' }));
    await waitFor(() => expect(fake.callsOf('chooseConfigFile').at(-1)).toEqual([other]));
    await waitFor(() => expect(fake.callsOf('previewSetup').some((c) => (c[0] as { clientId: string }).clientId === 'abc')).toBe(true));
    await u.click(await screen.findByRole('button', { name: "Use the default file" }));
    await waitFor(() => expect(fake.callsOf('chooseConfigFile').at(-1)).toEqual(['']));
  });
});

describe('Set up, step 4: an unreadable file with a repair that keeps its servers', () => {
  it('offers the repair, previews it with repairInvalid, and it excludes starting a new file', async () => {
    const fake = fakeClient({
      getSettings: () => ok(remembered),
      readEntries: () => ok({ configPath: '/c.json', exists: true, problem: { code: 'CONFIG_INVALID_JSON', message: '/c.json is not valid JSON at line 3, column 38.', repairs: ['a trailing comma at line 3, column 35'] }, entries: [] }),
      previewSetup: (input) => ok({ configPath: '/c.json', name: 'iam', changed: true, created: false, replacedEntry: false, diff: '', redirectUris: [URI], scopes: [], warnings: [], sha256: 'a'.repeat(64),
        ...((input as { repairInvalid?: boolean }).repairInvalid ? { repairs: ['a trailing comma at line 3, column 35'] } : {}) }),
    });
    const u = await toStep(fake, 4);
    const repair = await screen.findByRole('checkbox', { name: /Repair it, keeping every server: remove a trailing comma at line 3, column 35/ });
    expect((screen.getByRole('button', { name: 'Write to Claude config' }) as HTMLButtonElement).disabled).toBe(true);
    await u.click(repair);
    await u.click(screen.getByRole('button', { name: 'Preview change' }));
    await waitFor(() => expect(fake.callsOf('previewSetup').at(-1)![0]).toMatchObject({ repairInvalid: true }));
    expect(await screen.findByText(/every server stays/)).toBeTruthy();
    await u.click(screen.getByRole('checkbox', { name: /start a new file/ }));
    expect((repair as HTMLInputElement).checked).toBe(false);
  });
});

describe('Set up, step 5: fix buttons', () => {
  const scopeFail: CheckResultValue = { id: 'mcp.tool-call', status: 'fail', title: 'A read tool answers', evidence: {}, cause: 'The token lacks application:read.', fix: 'Request application:read.', fixAction: { action: 'verify.set-scopes', scopes: 'openid application:read' } };
  const redirectFail: CheckResultValue = { id: 'oauth.authorize', status: 'fail', title: 'Sign-in page accepts the request', evidence: {}, cause: 'The redirect URI is refused.', fix: `Register ${URI}.`, fixAction: { action: 'iam.register-redirect-uri', uri: URI } };
  async function failedRun(steps: CheckResultValue[]) {
    const fake = fakeClient({ getSettings: () => ok(remembered), startVerify: () => ok({ runId: 'v1' }), getRun: () => ok({ runId: 'v1', kind: 'verify', status: 'failed', cancelled: false, steps, summary: { pass: 0, warn: 0, fail: steps.length, skip: 0 } }) });
    const u = await toStep(fake, 5);
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    await waitFor(() => expect(fake.callsOf('startVerify').length).toBe(1));
    act(() => { for (const [i, s] of steps.entries()) fake.emit({ type: 'step', runId: 'v1', seq: i + 1, phase: 'end', id: s.id, title: s.title, result: s }); });
    act(() => fake.emit({ type: 'done', runId: 'v1', seq: steps.length + 1, status: 'failed', cancelled: false }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Failed/));
    return { fake, u };
  }

  it('a scope finding sets the wizard\'s scopes, which the next sign-in requests', async () => {
    const { fake, u } = await failedRun([scopeFail]);
    await u.click(screen.getByRole('button', { name: 'Use the scopes “openid application:read”' }));
    expect(screen.getByText(/Scopes set\./)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    await waitFor(() => expect(fake.callsOf('startVerify').at(-1)).toEqual([{ url: URL_, clientId: 'abc', scopes: 'openid application:read' }]));
  });

  it('a redirect finding says where to add the URI, copies it, and verifies again', async () => {
    const { fake, u } = await failedRun([redirectFail]);
    expect(screen.getByText(/open Applications, edit this application and add http:\/\/127\.0\.0\.1:25000\/callback under Redirect URIs/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy redirect URI' })).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Done: verify again' }));
    await waitFor(() => expect(fake.callsOf('startVerify').length).toBe(2));
  });

  it('a client ID finding goes back to the Application step', async () => {
    const { u } = await failedRun([{ ...scopeFail, id: 'oauth.client', fixAction: { action: 'verify.set-client-id' } }]);
    await u.click(screen.getByRole('button', { name: 'Change the Client ID' }));
    expect(await screen.findByLabelText('Client ID')).toBeTruthy();
    expect(document.activeElement?.textContent).toMatch(/Create the application/);
  });
});

describe('Set up, step 6: is Claude Desktop running?', () => {
  it('a Claude that started before the change is told to restart; one not running is told to open', async () => {
    await toStep(fakeClient({ getSettings: () => ok(remembered), claudeStatus: () => ok({ platform: 'darwin', running: true, restartNeeded: true, startedAt: '2026-11-30T01:00:00Z', configModified: '2026-11-30T02:00:00Z' }) }), 6);
    expect(await screen.findByText(/Claude Desktop is running .*and has not read the change yet/)).toBeTruthy();
    expect(screen.getByText(/Choose Claude → Quit Claude in the menu bar/)).toBeTruthy();
    cleanup();
    const fake = fakeClient({ getSettings: () => ok(remembered), claudeStatus: () => ok({ platform: 'win32', running: false, restartNeeded: false }) });
    const u = await toStep(fake, 6);
    expect(await screen.findByText('Claude Desktop is not running.')).toBeTruthy();
    expect(screen.getByText(/notification area/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(fake.callsOf('claudeStatus').length).toBe(2));
  });

  it('an unreadable process list says so', async () => {
    await toStep(fakeClient({ getSettings: () => ok(remembered), claudeStatus: () => ok({ platform: 'linux', running: null, restartNeeded: false }) }), 6);
    expect(await screen.findByText('Could not tell whether Claude Desktop is running')).toBeTruthy();
  });
});
