/** A main/app context over a real temp folder: HOME, the config file and backups all inside it. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../main/app/app-context.js';
import type { ApiImplementation } from '../../main/contract/api-contract.js';
import { memorySettings } from '../../main/app/settings.js';
import { memoryVault } from '../../main/app/token-vault.js';
import { nodeFs } from '../../main/core/config/fs-port.js';

export function tempAppContext(overrides: Partial<AppContext> = {}): AppContext & { dir: string; configPath: string; opened: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'app-ctx-'));
  const home = path.join(dir, 'home');
  const configPath = path.join(dir, 'claude_desktop_config.json');
  const opened: string[] = [];
  return {
    dir, configPath, opened,
    platform: 'linux', env: { HOME: home, PATH: process.env.PATH ?? '' }, homedir: home, fs: nodeFs,
    backups: { fs: nodeFs, platform: 'linux', dir: path.join(dir, 'backups') },
    cwd: dir, tmpdir: dir, configOverride: configPath, settings: memorySettings(), vault: memoryVault(),
    effects: { openPath: async (p) => { opened.push(p); return true; }, copyText: async () => false, openBrowser: async (u) => { opened.push(u); } },
    ...overrides,
  };
}

/** The run's info once it is no longer running (polled every 50 ms for at most `limitMs`). */
export async function runFinished(api: ApiImplementation, runId: string, limitMs = 30_000) {
  for (const end = Date.now() + limitMs; Date.now() < end;) {
    const info = await api.getRun(runId);
    if (info.status !== 'running') return info;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish within ${limitMs} ms`);
}
