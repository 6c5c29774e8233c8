/**
 * Door 1's wiring without the Electron binary: main/electron/main.ts loaded against a fake
 * `electron` module (ipcMain is the one fake from test/helpers/fake-ipc.ts). Checks the window's
 * security settings, the denials, the IPC registration, the menu and the vault's fallback.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../../../main/contract/api-methods.js';
import { FakeIpcMain } from '../../helpers/fake-ipc.js';

const h = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; handlers: Record<string, (...a: unknown[]) => unknown>; openHandler?: (d: { url: string }) => unknown; permission?: (...a: unknown[]) => void; loaded?: string }[],
  menu: undefined as unknown,
  opened: [] as string[],
  ready: undefined as undefined | Promise<void>,
  ipc: undefined as unknown,
}));

vi.mock('electron', async () => {
  const { FakeIpcMain: Ipc } = await import('../../helpers/fake-ipc.js');
  h.ipc = new Ipc();
  let nextId = 100;
  class BrowserWindow {
    static getAllWindows() { return h.windows; }
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record: (typeof h.windows)[number] = { options, handlers: {} };
      h.windows.push(record);
      this.webContents = {
        id: nextId++,
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => { record.openHandler = fn; },
        on: (event: string, fn: (...a: unknown[]) => unknown) => { record.handlers[event] = fn; },
        session: { setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => { record.permission = fn; }, setPermissionCheckHandler: () => undefined },
      };
      Object.assign(this, { loadFile: async (f: string) => { record.loaded = f; } });
    }
    once() { return this; }
    on() { return this; }
    getNormalBounds() { return { x: 0, y: 0, width: 900, height: 700 }; }
  }
  return {
    app: {
      setName: () => undefined, enableSandbox: () => undefined, isPackaged: false, getVersion: () => '0.1.0', on: () => undefined,
      whenReady: () => { h.ready = Promise.resolve(); return h.ready; },
    },
    BrowserWindow,
    ipcMain: h.ipc,
    shell: { openExternal: async (u: string) => { h.opened.push(u); }, openPath: async () => '' },
    clipboard: { writeText: () => undefined },
    screen: { getAllDisplays: () => [] },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => { h.menu = m; } },
    dialog: { showMessageBox: async () => ({}) },
    safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text', encryptString: () => Buffer.from(''), decryptString: () => '' },
  };
});
vi.mock('electron-store', () => ({
  default: class { store: Record<string, unknown>; constructor(o: { defaults: Record<string, unknown> }) { this.store = { ...o.defaults }; } get(k: string, d: unknown) { return this.store[k] ?? d; } set(k: string, v: unknown) { this.store[k] = v; } },
}));

beforeAll(async () => {
  await import('../../../main/electron/main.js');
  await h.ready;
  await new Promise((r) => setTimeout(r, 0));
});

describe('the desktop window (door 1) wired without the binary', () => {
  it('opens one window with the security baseline and a minimum size', () => {
    expect(h.windows).toHaveLength(1);
    const o = h.windows[0]!.options as { minWidth: number; minHeight: number; webPreferences: Record<string, unknown> };
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, disableBlinkFeatures: 'Auxclick' });
    expect(String(o.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(o.minWidth).toBeGreaterThanOrEqual(800);
    expect(o.minHeight).toBeGreaterThanOrEqual(600);
    expect(h.windows[0]!.loaded).toMatch(/renderer[\\/]dist[\\/]index\.html$/);
  });

  it('denies window.open (without opening anything), navigation and permission requests', () => {
    const w = h.windows[0]!;
    expect(w.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(h.opened).toEqual([]);
    let prevented = false;
    w.handlers['will-navigate']?.({ preventDefault: () => { prevented = true; } }, 'https://evil.example/');
    expect(prevented).toBe(true);
    let granted: boolean | undefined;
    w.permission?.({}, 'media', (ok: boolean) => { granted = ok; });
    expect(granted).toBe(false);
  });

  it('registers one IPC handler per API method, refusing a page that is not ours', async () => {
    const ipc = h.ipc as FakeIpcMain;
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    const { FakeWebContents } = await import('../../helpers/fake-ipc.js');
    const r = await ipc.invoke(new FakeWebContents('https://evil.example/'), ipcChannel('getSettings'), []);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('has a Help menu with the config folder, Claude logs, backups and About', () => {
    const help = (h.menu as { role?: string; submenu?: { label?: string }[] }[]).find((m) => m.role === 'help');
    const labels = help?.submenu?.map((i) => i.label).filter(Boolean);
    expect(labels).toEqual(["Open Claude Desktop's Config Folder", "Open Claude Desktop's Logs", 'Open Backups Folder', 'About IAM MCP Helper']);
  });
});
