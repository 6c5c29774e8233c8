import { describe, expect, it } from 'vitest';
import { routeTable, renderRouteTable } from '../../../main/core/routes/route-table.js';
import { CLAUDE_CALLBACKS } from '../../../main/core/connector/claude-facts.js';
import { defaultCallbackPort } from '../../../main/core/config/entry-builder.js';
import { PUBLIC_URL, publicIam } from './public-iam.js';

const loopbackUri = `http://127.0.0.1:${defaultCallbackPort(PUBLIC_URL)}/callback`;

describe('routeTable for a public-looking IAM (injected DNS, TLS, HTTP)', () => {
  it('recommends the connector when every connector check passes', async () => {
    const { deps } = publicIam({ redirectUris: [...CLAUDE_CALLBACKS, loopbackUri] });
    const t = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, deps);
    const row = Object.fromEntries(t.routes.map((r) => [r.route, r]));
    expect(row.connector!.works).toBe('yes');
    expect(row.bundle!.works).toBe('yes');
    expect(t.recommended).toBe('connector');
    expect(t.recommendation).toMatch(/^connector: nothing to install/);
    expect(row.bridge!.works).toBe('yes');
    expect(row.bridge!.reason).toContain('Claude\'s PATH runs Node v22.11.0 (/opt/node/bin/node)');
    expect(renderRouteTable(t)).toMatch(/connector {2}yes/);
  });

  it('a private address rules the connector out with the address named; the bundle is recommended', async () => {
    const { deps } = publicIam({ addresses: ['10.0.0.5'], redirectUris: [...CLAUDE_CALLBACKS, loopbackUri] });
    const t = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, deps);
    expect(t.routes[0]).toMatchObject({ route: 'connector', works: 'no', decidedBy: 'connector.public-host' });
    expect(t.routes[0]!.reason).toMatch(/iam\.example\.com resolves to 10\.0\.0\.5 \(private.*not reachable from Anthropic's cloud/);
    expect(t.recommended).toBe('bundle');
  });

  it('without the Claude callbacks registered the connector is out; without a client ID the bundle needs one', async () => {
    const noCallbacks = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, publicIam({ redirectUris: [loopbackUri] }).deps);
    expect(noCallbacks.routes[0]).toMatchObject({ works: 'no', decidedBy: 'connector.callback-registered' });
    const noClient = await routeTable({ url: PUBLIC_URL }, publicIam({ registration: 'dcr-open', redirectUris: [loopbackUri] }).deps);
    expect(noClient.routes[0]).toMatchObject({ route: 'connector', works: 'yes' });
    expect(noClient.routes[1]).toMatchObject({ route: 'bundle', works: 'no', decidedBy: 'client-id' });
    expect(noClient.routes[1]!.reason).toContain(loopbackUri);
    // The wizard shows these words: they name no helper flag or command.
    expect(noClient.routes[1]!.reason).toMatch(/give its Client ID$/);
  });

  it('the table\'s words name no command-line flag or command (the app shows them); the CLI text adds how', async () => {
    const noClient = await routeTable({ url: PUBLIC_URL }, publicIam({ registration: 'dcr-open', redirectUris: [loopbackUri] }).deps);
    const busy = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, publicIam({ addresses: ['127.0.0.1'], redirectUris: [loopbackUri], busyPorts: [defaultCallbackPort(PUBLIC_URL)] }).deps);
    for (const t of [noClient, busy]) {
      const words = [t.recommendation, ...t.routes.flatMap((r) => [r.reason, r.fix ?? ''])].join('\n');
      expect(words).not.toMatch(/--[a-z]|iam-mcp-helper /);
    }
    expect(noClient.routes[1]!.fix).toMatch(/enter its Client ID/);
    expect(renderRouteTable(noClient)).toMatch(/how: pass --client-id/);
    expect(renderRouteTable(busy)).toMatch(/Recommended: none works yet.*run `iam-mcp-helper routes` again/);
  });

  it('an old Node on Claude\'s PATH rules out the bridge but not the bundle', async () => {
    const t = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, publicIam({ addresses: ['192.168.1.9'], nodeVersion: 'v18.20.4', redirectUris: [loopbackUri] }).deps);
    expect(t.routes[2]).toMatchObject({ route: 'bridge', works: 'no', decidedBy: 'bridge.node-version' });
    expect(t.routes[2]!.reason).toMatch(/Node v18\.20\.4 \(\/opt\/node\/bin\/node\), but the pinned mcp-remote needs Node >=20\.18\.1/);
    expect(t.routes[1]!.works).toBe('yes');
    expect(t.recommended).toBe('bundle');
  });

  it('a taken callback port rules out the local routes until it is free', async () => {
    const t = await routeTable({ url: PUBLIC_URL, clientId: 'claude-desktop-mcp' }, publicIam({ addresses: ['127.0.0.1'], redirectUris: [loopbackUri], busyPorts: [defaultCallbackPort(PUBLIC_URL)] }).deps);
    expect(t.routes.map((r) => r.works)).toEqual(['no', 'no', 'no']);
    expect(t.routes[1]).toMatchObject({ decidedBy: 'bridge.callback-port' });
    expect(t.recommended).toBeUndefined();
    expect(t.recommendation).toMatch(/none works yet/);
    for (const text of [t.recommendation, ...t.routes.map((r) => r.reason)]) expect(text).not.toMatch(/iam-mcp-helper |--[a-z]/);
  });
});
