import path from 'node:path';

/** Electron's productName; Electron's `app.getPath('userData')` is `<appData>/<productName>`. */
export const PRODUCT_NAME = 'IAM MCP Helper';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/** `path` flavour for the modelled platform, so Windows paths compute correctly on Linux. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * Electron's `appData` folder (electron docs, app.getPath): `%APPDATA%` on Windows,
 * `~/Library/Application Support` on macOS, `$XDG_CONFIG_HOME` or `~/.config` elsewhere.
 */
export function electronAppDataDir({ platform, env, homedir }: PlatformEnv): string {
  const p = pathFor(platform);
  if (platform === 'darwin') return p.join(homedir, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || p.join(homedir, 'AppData', 'Roaming');
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && p.isAbsolute(xdg) ? xdg : p.join(homedir, '.config');
}

/** The app's data folder, shared by the CLI and the desktop app (Electron `userData`). */
export function appDataDir(ctx: PlatformEnv): string {
  return pathFor(ctx.platform).join(electronAppDataDir(ctx), PRODUCT_NAME);
}

export function backupsDir(ctx: PlatformEnv): string {
  return pathFor(ctx.platform).join(appDataDir(ctx), 'backups');
}

/**
 * Folder for the bridge's `@file` JSON arguments on Windows. It must be free of spaces because
 * the entry runs through `cmd /c` (cmd.exe re-parses quoted arguments); "IAM MCP Helper" has
 * spaces, so this is a sibling `iam-mcp-helper` folder. Contains a space only when APPDATA does.
 */
export function bridgeFilesDir(ctx: PlatformEnv): string {
  return pathFor(ctx.platform).join(electronAppDataDir(ctx), 'iam-mcp-helper', 'bridge');
}
