/**
 * What the app's API needs from the world, injected by its door: where it runs, which config file
 * it works on, how it opens paths and the browser, and where settings and tokens live. Nothing in
 * main/app knows which door it came from.
 */
import type { FetchLike } from '../core/http/exchange.js';
import type { FsPort } from '../core/config/fs-port.js';
import type { BackupStore } from '../core/config/backups.js';
import type { PlatformEnv } from '../core/paths/app-data.js';
import type { SettingsStore } from './settings.js';
import type { TokenVault } from './token-vault.js';
import type { ProcessInfo } from '../core/diagnostics/types.js';

export interface AppEffects {
  /** Shows a folder in the OS file manager; false when nothing could open it. */
  openPath(path: string): Promise<boolean>;
  /** Puts text on the clipboard; false where this door has no clipboard access. */
  copyText(text: string): Promise<boolean>;
  /** Opens an http(s) URL the flow produced in the user's default browser (RFC 8252 §8.12). */
  openBrowser(url: string, signal?: AbortSignal): Promise<void>;
}

export interface AppContext extends PlatformEnv {
  fs: FsPort;
  backups: BackupStore;
  cwd: string;
  tmpdir: string;
  /** A config file to work on instead of Claude Desktop's (`--config`, the demo's temp file). */
  configOverride?: string;
  /** A config file the user chose in the app (`chooseConfigFile`); set while the app runs, never saved. */
  configChoice?: string;
  settings: SettingsStore;
  vault: TokenVault;
  effects: AppEffects;
  /** The fetch quick probes use (default: global fetch). */
  fetch?: FetchLike;
  /** Lists this computer's processes (default: `ps` / `tasklist`, core/diagnostics/node-deps.ts). */
  listProcesses?: () => Promise<ProcessInfo[]>;
  /** Shell command that opens sign-in pages instead of the default browser (`--browser-command`). */
  browserCommand?: string;
}
