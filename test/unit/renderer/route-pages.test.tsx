// @vitest-environment jsdom
/** The setup wizard's route choice and the connector and bundle pages, against a fake API client. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupPage } from '../../../renderer/src/pages/setup/SetupPage.js';
import { formatSize } from '../../../renderer/src/pages/setup/BundleStep.js';
import { fakeClient, fail, ok, renderWith, type FakeClient } from './fake-client.js';

afterEach(cleanup);

const URL_ = 'https://iam.example.com/api/mcp';
const found = { url: URL_, reachable: true, verdict: 'mcp-endpoint', message: 'ok', mcpEndpoint: URL_, durationMs: 5 };
const remembered = (route?: string) => ({ recentInstances: [{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }], lastPage: 'setup', ...(route ? { route } : {}) });
const check = (id: string, status: 'pass' | 'fail', cause?: string) => ({ id, status, title: `${id} title`, evidence: {}, ...(cause ? { cause } : {}) });
const table = {
  url: URL_, clientId: 'abc', recommended: 'bundle', recommendation: 'bundle: installs with a double click',
  routes: [
    { route: 'connector', title: 'Custom connector', works: 'no', reason: 'The address 10.0.0.5 is private, not reachable from Anthropic\'s cloud.', decidedBy: 'connector.public-host' },
    { route: 'bundle', title: 'Extension bundle (.mcpb)', works: 'yes', reason: 'this computer reaches the IAM' },
    { route: 'bridge', title: 'Config bridge', works: 'yes', reason: 'works with the Node.js on this computer' },
  ],
  checks: [],
};
const connectorReport = {
  instructions: {
    where: 'Claude Desktop or claude.ai: Settings → Connectors → Add custom connector',
    fields: [{ field: 'Name', value: 'Hanzo IAM' }, { field: 'Remote MCP server URL', value: URL_ }, { field: 'OAuth Client ID (Advanced settings)', value: 'abc' }, { field: 'OAuth Client Secret (Advanced settings)', value: '', note: 'leave empty for a public client (PKCE)' }],
    registerRedirectUris: ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'],
  },
  checks: [check('connector.public-host', 'fail', 'The address 10.0.0.5 is private.'), check('connector.callback-registered', 'pass')],
  summary: { pass: 1, warn: 0, fail: 1, skip: 0 }, durationMs: 3,
};

const user = () => userEvent.setup();
const next = async (u: ReturnType<typeof user>) => u.click(screen.getByRole('button', { name: 'Next' }));

async function checked(fake: FakeClient) {
  renderWith(fake, <SetupPage />);
  await waitFor(() => expect((screen.getByLabelText('MCP server URL') as HTMLInputElement).value).toBe(URL_));
  const u = user();
  await u.click(screen.getByRole('button', { name: 'Check server' }));
  await screen.findByRole('group', { name: 'Which way should Claude connect?' });
  return u;
}

describe('Which way should Claude connect?', () => {
  it('shows the route table after the server is checked, preselects the recommended route and remembers a choice', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered()), probeInstance: () => ok(found), routeTable: () => ok(table) });
    const u = await checked(fake);
    const bundle = await screen.findByRole('radio', { name: 'Extension bundle (.mcpb)' }) as HTMLInputElement;
    await waitFor(() => expect(bundle.checked).toBe(true));
    expect(fake.callsOf('routeTable')).toEqual([[{ url: URL_, clientId: 'abc' }]]);
    const connector = screen.getByRole('radio', { name: 'Custom connector (Settings → Connectors)' });
    expect(connector.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/10\.0\.0\.5 is private/).textContent).toMatch(/^Cannot work yet/);
    expect(screen.getByText(/this computer reaches the IAM/).textContent).toMatch(/^Can work · recommended/);
    await u.click(screen.getByRole('radio', { name: 'Config bridge (mcp-remote)' }));
    expect(fake.callsOf('saveSettings')).toContainEqual([{ route: 'bridge' }]);
  });

  it('a remembered choice wins over the recommendation; a failed table says why', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered('connector')), probeInstance: () => ok(found), routeTable: () => ok(table) });
    await checked(fake);
    await waitFor(() => expect((screen.getByRole('radio', { name: 'Custom connector (Settings → Connectors)' }) as HTMLInputElement).checked).toBe(true));
    cleanup();
    await checked(fakeClient({ getSettings: () => ok(remembered()), probeInstance: () => ok(found), routeTable: () => fail('The checks could not finish. Check the server again.') }));
    expect(await screen.findByText(/The checks could not finish/)).toBeTruthy();
  });
});

describe('Route A: the custom connector page', () => {
  it('shows what to paste where with copy buttons, and the connector checks as status rows', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered('connector')), probeInstance: () => ok(found), routeTable: () => ok(table), connectorChecks: () => ok(connectorReport) });
    const u = await checked(fake);
    for (let i = 0; i < 3; i++) await next(u);
    expect(screen.getByRole('heading', { name: /Add the custom connector in Claude$/ })).toBeTruthy();
    const paste = await screen.findByRole('table', { name: /What to paste/ });
    expect(within(paste).getByRole('rowheader', { name: 'Remote MCP server URL' })).toBeTruthy();
    expect(within(paste).getByText(URL_)).toBeTruthy();
    expect(within(paste).getByRole('button', { name: 'Copy OAuth Client ID' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy claude.ai callback' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Connector checks' });
    expect(within(list).getAllByRole('listitem').map((li) => `${li.querySelector('.step-id')?.textContent} ${li.querySelector('.status-word')?.textContent?.replace(/^\S+\s+/, '')}`))
      .toEqual(['connector.public-host Fail', 'connector.callback-registered Pass']);
    expect(screen.getByRole('status').textContent).toMatch(/^Failed at connector\.public-host: The address 10\.0\.0\.5 is private\./);
    expect(fake.callsOf('connectorChecks')[0]).toEqual([{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }]);
    await next(u);
    expect(screen.queryByRole('button', { name: 'Sign in and verify' })).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Check connector' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Failed at connector\.public-host/);
  });
});

describe('Route C: the extension bundle page', () => {
  it('builds the bundle, says where it went and how big it is, then verifies the IAM side with Sign in and verify', async () => {
    const built = { path: '/home/u/.config/Claude/hanzo-iam-iam-example-com.mcpb', fileName: 'hanzo-iam-iam-example-com.mcpb', folder: '/home/u/.config/Claude', size: 1_572_864, mcpRemoteVersion: '0.1.29', callbackPort: 25000, redirectUris: ['http://127.0.0.1:25000/callback'], warnings: [] };
    const fake = fakeClient({ getSettings: () => ok(remembered('bundle')), probeInstance: () => ok(found), routeTable: () => ok(table), buildBundle: () => ok(built), startVerify: () => ok({ runId: 'r1' }) });
    const u = await checked(fake);
    for (let i = 0; i < 3; i++) await next(u);
    expect(screen.getByRole('heading', { name: /Build and install the extension bundle$/ })).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Build extension bundle' }));
    expect(await screen.findByText('Built hanzo-iam-iam-example-com.mcpb (1.5 MB).')).toBeTruthy();
    expect(screen.getByText(built.path)).toBeTruthy();
    expect(screen.getByText(/Double-click the \.mcpb file/)).toBeTruthy();
    expect(fake.callsOf('buildBundle')).toEqual([[{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }]]);
    await next(u);
    expect(screen.queryByRole('button', { name: 'Verify as Claude Desktop runs it' })).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Sign in and verify' }));
    expect(fake.callsOf('startVerify')).toHaveLength(1);
  });

  it('a named folder is passed on; a refused build shows its sentence under the field', async () => {
    const fake = fakeClient({ getSettings: () => ok(remembered('bundle')), probeInstance: () => ok(found), routeTable: () => ok(table), buildBundle: () => fail('The folder "x" is not a full path. Enter a full path.', 'BUNDLE_FOLDER_NOT_ABSOLUTE') });
    const u = await checked(fake);
    for (let i = 0; i < 3; i++) await next(u);
    await u.type(screen.getByLabelText('Bundle folder'), 'x');
    await u.click(screen.getByRole('button', { name: 'Build extension bundle' }));
    expect(await screen.findByText(/is not a full path/)).toBeTruthy();
    expect((fake.callsOf('buildBundle')[0]![0] as { folder: string }).folder).toBe('x');
    expect(screen.getByLabelText('Bundle folder').getAttribute('aria-invalid')).toBe('true');
  });

  it('formats sizes in words people read', () => {
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(1_572_864)).toBe('1.5 MB');
  });
});
