/**
 * The app's route methods over the engine and the real emulator: the route table (a loopback IAM
 * rules the connector out, with the reason), the connector's paste instructions and checks, the
 * extension bundle written next to the config or into a named folder, and the chosen route kept
 * in the settings file.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHelperApp } from '../../../main/app/helper-app.js';
import { dispatch } from '../../../main/app/dispatch.js';
import { fileSettings } from '../../../main/app/settings.js';
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { CLAUDE_CALLBACKS } from '../../../main/core/connector/claude-facts.js';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { tempAppContext } from '../../helpers/app-context.js';

let iam: EmulatorHandle;
const dirs: string[] = [];
beforeAll(async () => { iam = await startEmulator({ profile: 'casdoor', faults: { claudeCallbacks: true } }); });
afterAll(async () => { await iam.close(); });
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function app() {
  const ctx = tempAppContext();
  dirs.push(ctx.dir);
  return { ctx, api: createHelperApp(ctx, { door: 'browser' }).forCaller(() => undefined) };
}

describe('routes in the app', () => {
  it('routeTable: the connector is ruled out for a loopback IAM with the reason; the bundle is recommended', async () => {
    const { api } = app();
    const t = await api.routeTable({ url: iam.mcpUrl, clientId: iam.clientId });
    expect(t.routes.map((r) => r.route)).toEqual(['connector', 'bundle', 'bridge']);
    expect(t.routes[0]).toMatchObject({ works: 'no', decidedBy: 'connector.public-host' });
    expect(t.routes[0]!.reason).toMatch(/127\.0\.0\.1 is loopback/);
    expect(t.routes[1]).toMatchObject({ route: 'bundle', works: 'yes' });
    expect(t.recommended).toBe('bundle');
    expect(t.checks.some((c) => c.id === 'connector.public-host' && c.status === 'fail')).toBe(true);
  }, 60_000);

  it('connectorChecks: what to paste where, and the connector.* checks with their verdicts', async () => {
    const { api } = app();
    const r = await api.connectorChecks({ url: iam.mcpUrl, clientId: iam.clientId });
    expect(r.instructions.where).toMatch(/Settings → Connectors → Add custom connector/);
    expect(r.instructions.fields.map((f) => f.value)).toEqual(expect.arrayContaining([iam.mcpUrl, iam.clientId]));
    expect(r.instructions.registerRedirectUris).toEqual([...CLAUDE_CALLBACKS]);
    const by = Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
    expect(by['connector.public-host']).toBe('fail');
    expect(by['connector.callback-registered']).toBe('pass');
    expect(r.summary.fail).toBeGreaterThan(0);
  }, 60_000);

  it('buildBundle writes the .mcpb next to the config file, or into a folder the user names', async () => {
    const { ctx, api } = app();
    const built = await api.buildBundle({ url: iam.mcpUrl, clientId: iam.clientId });
    expect(built.folder).toBe(path.dirname(ctx.configPath));
    expect(built.path).toBe(path.join(built.folder, built.fileName));
    expect(built.fileName).toBe('hanzo-iam-127-0-0-1.mcpb');
    expect(statSync(built.path).size).toBe(built.size);
    expect(built.size).toBeGreaterThan(10_000);
    const named = path.join(ctx.dir, 'extensions');
    mkdirSync(named);
    const there = await api.buildBundle({ url: iam.mcpUrl, clientId: iam.clientId, folder: named });
    expect(there.path).toBe(path.join(named, 'hanzo-iam-127-0-0-1.mcpb'));
    expect(existsSync(there.path)).toBe(true);
  }, 120_000);

  it('buildBundle refuses a relative folder with a sentence, and a missing client ID before anything runs', async () => {
    const { ctx, api } = app();
    const relative = await dispatch(api, 'buildBundle', [{ url: iam.mcpUrl, clientId: iam.clientId, folder: 'downloads' }]);
    expect(relative.result).toMatchObject({ ok: false, error: { code: 'BUNDLE_FOLDER_NOT_ABSOLUTE' } });
    expect(existsSync(path.join(ctx.cwd, 'downloads'))).toBe(false);
    const noClient = await dispatch(api, 'buildBundle', [{ url: iam.mcpUrl, clientId: '' }]);
    expect(noClient.invalid).toBe(true);
  });

  it('the chosen route is remembered in the settings file', async () => {
    const { ctx } = app();
    const settings = await fileSettings(nodeFs, 'linux', ctx.dir);
    const api = createHelperApp({ ...ctx, settings }, { door: 'browser' }).forCaller(() => undefined);
    expect((await api.getSettings()).route).toBeUndefined();
    expect((await api.saveSettings({ route: 'connector' })).route).toBe('connector');
    await settings.flush?.();
    const reread = await fileSettings(nodeFs, 'linux', ctx.dir);
    expect(reread.read().route).toBe('connector');
  });
});
