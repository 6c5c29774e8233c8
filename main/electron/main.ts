/**
 * Door 1: the desktop app's main process. Builds the app's API (main/app) over this machine, with
 * settings in electron-store, sign-ins in a safeStorage vault, folders and sign-in pages opened by
 * the OS (shell), registers one IPC handler per API method, and opens the window.
 * Security baseline: docs/architecture.md, "Electron security".
 * Options: --config <path> (work on another config file), --url/--client-id (prefill setup).
 */
import { app, BrowserWindow, clipboard, ipcMain, shell } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeFs } from '../core/config/fs-port.js';
import { appDataDir, backupsDir } from '../core/paths/app-data.js';
import type { AppContext } from '../app/app-context.js';
import { createHelperApp } from '../app/helper-app.js';
import { openFolder } from '../app/open-paths.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { installMenu } from './menu.js';
import { safeStorageVault } from './safe-storage-vault.js';
import { electronSettings } from './settings-store.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const page = path.resolve(here, '../../../renderer/dist/index.html');
const pageUrl = pathToFileURL(page).href;
const preload = path.join(here, 'preload.cjs');

const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { config: { type: 'string' }, url: { type: 'string' }, 'client-id': { type: 'string' } },
  strict: false, allowPositionals: true,
});
const flag = (name: string): string | undefined => (typeof flags[name] === 'string' ? flags[name] : undefined);

app.setName('IAM MCP Helper');
app.enableSandbox();

void app.whenReady().then(() => {
  const env = { platform: process.platform, env: process.env, homedir: os.homedir() };
  const { settings, tokens } = electronSettings(appDataDir(env));
  const config = flag('config');
  const ctx: AppContext = {
    ...env, fs: nodeFs, backups: { fs: nodeFs, platform: process.platform, dir: backupsDir(env) },
    cwd: process.cwd(), tmpdir: os.tmpdir(), ...(config ? { configOverride: path.resolve(config) } : {}),
    settings, vault: safeStorageVault(tokens, process.platform),
    effects: {
      openPath: async (p) => (await shell.openPath(p)) === '',
      copyText: async (text) => { clipboard.writeText(text); return true; },
      // Sign-in pages the engine produced, in the user's default browser (RFC 8252 §8.12).
      openBrowser: async (url) => {
        if (!/^https?:\/\//i.test(url)) throw new Error('only http(s) sign-in pages are opened');
        await shell.openExternal(url);
      },
    },
  };
  const url = flag('url');
  const clientId = flag('client-id');
  const helper = createHelperApp(ctx, { door: 'electron', ...(url && clientId ? { prefill: { url, clientId, scopes: '' } } : {}) });
  const windows = new Set<number>();
  registerIpcHandlers(ipcMain, {
    bind: (send) => helper.forCaller(send),
    isOwnPage: (u) => u.split('#')[0] === pageUrl,
    isOwnWindow: (sender) => windows.has(sender.id),
  });
  installMenu((target) => void openFolder(ctx, target));
  const open = () => {
    const window = createMainWindow({ preload, page, settings });
    const id = window.webContents.id;
    windows.add(id);
    window.on('closed', () => windows.delete(id));
  };
  open();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) open(); });
  app.on('before-quit', () => void helper.dispose());
});

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
