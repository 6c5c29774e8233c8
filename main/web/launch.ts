/**
 * Wires door 2: the app's API (main/app) over this machine's real files, settings in the app data
 * folder, tokens in memory only (this door never writes a token to disk), and the loopback server.
 */
import type { RecentInstance } from '../contract/api-values.js';
import type { AppContext } from '../app/app-context.js';
import { createHelperApp } from '../app/helper-app.js';
import { fileSettings, type SettingsStore } from '../app/settings.js';
import { memoryVault } from '../app/token-vault.js';
import { appDataDir } from '../core/paths/app-data.js';
import { commandBrowser } from '../core/verify/browser.js';
import { defaultOpener } from './open-browser.js';
import { startUiServer } from './server.js';

export interface LaunchUiInput extends Omit<AppContext, 'settings' | 'vault' | 'effects'> {
  staticDir: string;
  port?: number;
  prefill?: RecentInstance;
  /** Settings store (default: settings.json in the app data folder). */
  settings?: SettingsStore;
}

export interface LaunchedUi {
  launchUrl: string;
  port: number;
  openInBrowser(): Promise<void>;
  close(): Promise<void>;
}

export async function launchUi(input: LaunchUiInput): Promise<LaunchedUi> {
  const opener = defaultOpener(input.env);
  const settings = input.settings ?? await fileSettings(input.fs, input.platform, appDataDir(input));
  const ctx: AppContext = {
    ...input,
    settings,
    vault: memoryVault('In the browser, sign-ins are kept in memory only and forgotten when `iam-mcp-helper ui` stops.'),
    effects: {
      openPath: async (path) => { await opener(path); return true; },
      // The page copies with the browser's clipboard API; the server has no clipboard of its own.
      copyText: async () => false,
      openBrowser: input.browserCommand
        ? (url, signal) => commandBrowser(input.browserCommand as string, { env: input.env, platform: input.platform })(url, signal ?? new AbortController().signal)
        : async (url) => { if (/^https?:\/\//i.test(url)) await opener(url); },
    },
  };
  const app = createHelperApp(ctx, { door: 'browser', ...(input.prefill ? { prefill: input.prefill } : {}) });
  const server = await startUiServer({ bind: (send) => app.forCaller(send), staticDir: input.staticDir, ...(input.port ? { port: input.port } : {}) });
  return {
    launchUrl: server.launchUrl,
    port: server.port,
    openInBrowser: () => opener(server.launchUrl),
    async close() {
      await app.dispose();
      await server.close();
      await settings.flush?.();
    },
  };
}
