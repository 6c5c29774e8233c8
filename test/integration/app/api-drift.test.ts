/**
 * Drift: every method of the contract is implemented by main/app, has an IPC handler and a
 * preload function (door 1) and an HTTP route (door 2); nothing else is exposed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { apiContract } from '../../../main/contract/api-contract.js';
import { API_METHODS, ipcChannel } from '../../../main/contract/api-methods.js';
import { registerIpcHandlers } from '../../../main/electron/ipc-handlers.js';
import { createHelperApp } from '../../../main/app/helper-app.js';
import { memorySettings } from '../../../main/app/settings.js';
import { memoryVault } from '../../../main/app/token-vault.js';
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { FakeIpcMain } from '../../helpers/fake-ipc.js';
import { raw, signIn, startFixture, type Fixture } from '../../helpers/ui-server-fixture.js';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => { exposed[name] = api; } },
  ipcRenderer: { invoke: (...args: unknown[]) => { invoked.push(args); return Promise.resolve(null); }, on: () => undefined, removeListener: () => undefined },
}));

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the API contract and its doors agree', () => {
  let f: Fixture;
  beforeAll(async () => { f = await startFixture(); });
  afterAll(async () => { await f.server.close(); rmSync(f.root, { recursive: true, force: true }); });

  it('the contract has a schema for exactly the listed methods', () => {
    expect(sorted(Object.keys(apiContract))).toEqual(sorted(API_METHODS));
  });

  it('main/app implements every method', () => {
    const app = createHelperApp({
      platform: 'linux', env: {}, homedir: os.tmpdir(), fs: nodeFs, backups: { fs: nodeFs, platform: 'linux', dir: os.tmpdir() },
      cwd: os.tmpdir(), tmpdir: os.tmpdir(), settings: memorySettings(), vault: memoryVault(),
      effects: { openPath: async () => false, copyText: async () => false, openBrowser: async () => undefined },
    }, { door: 'browser' });
    const impl = app.forCaller(() => undefined);
    expect(sorted(Object.keys(impl))).toEqual(sorted(API_METHODS));
    for (const m of API_METHODS) expect(typeof impl[m], m).toBe('function');
  });

  it('door 1: one IPC handler per method', () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, { bind: () => ({}) as never, isOwnPage: () => true, isOwnWindow: () => true });
    expect(sorted(ipc.handlers.keys())).toEqual(sorted(API_METHODS.map(ipcChannel)));
  });

  it('door 1: the preload exposes one named function per method (plus onProgress), each on its own channel', async () => {
    await import('../../../main/electron/preload.js');
    const helper = exposed.helper as Record<string, (...a: unknown[]) => unknown>;
    expect(sorted(Object.keys(helper))).toEqual(sorted([...API_METHODS, 'onProgress']));
    for (const m of API_METHODS) {
      invoked.length = 0;
      await helper[m]?.('a', 'b', 'c');
      expect(invoked[0]?.[0], m).toBe(ipcChannel(m));
    }
  });

  it('door 2: one POST route per method (a call reaches validation, never 404)', async () => {
    const cookie = await signIn(f);
    for (const m of API_METHODS) {
      const r = await raw(f.server.port, 'POST', `/api/${m}`, { host: f.host, origin: f.origin, 'content-type': 'application/json', cookie }, JSON.stringify({ args: [] }));
      expect([200, 400], `${m}: ${r.status}`).toContain(r.status);
    }
  });
});
