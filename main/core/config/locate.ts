import { electronAppDataDir, pathFor, type PlatformEnv } from '../paths/app-data.js';
import { pathExists, type FsPort } from './fs-port.js';

export const CONFIG_FILE_NAME = 'claude_desktop_config.json';

export type CandidateKind = 'user' | 'standard' | 'msix';

export interface ConfigCandidate {
  path: string;
  kind: CandidateKind;
  exists: boolean;
}

export interface ConfigLocation {
  platform: NodeJS.Platform;
  candidates: ConfigCandidate[];
  /** The file Claude Desktop reads (or will create). */
  chosen: string;
  reason: string;
}

export interface LocateInput extends PlatformEnv {
  fs: Pick<FsPort, 'stat' | 'readdir'>;
  /** A path the user gave; it overrides every default. */
  override?: string;
  /** Folder a relative `override` is resolved against (the CLI's working directory). */
  cwd?: string;
}

/**
 * Where Claude Desktop keeps its config (Anthropic's MCP quickstart):
 * macOS `~/Library/Application Support/Claude/`, Windows `%APPDATA%\Claude\` or, for the Microsoft
 * Store (MSIX) build, the virtualized `%LOCALAPPDATA%\Packages\Claude_<publisher>\LocalCache\Roaming\Claude\`,
 * Linux `$XDG_CONFIG_HOME/Claude/` falling back to `~/.config/Claude/`.
 */
export async function resolveConfigPaths(input: LocateInput): Promise<ConfigLocation> {
  const { platform, fs } = input;
  const p = pathFor(platform);
  const candidates: ConfigCandidate[] = [];
  const add = async (path: string, kind: CandidateKind) => {
    const candidate = { path, kind, exists: await isFile(fs, path) };
    candidates.push(candidate);
    return candidate;
  };

  if (input.override) {
    const abs = input.cwd === undefined ? p.resolve(input.override) : p.resolve(input.cwd, input.override);
    await add(abs, 'user');
    return { platform, candidates, chosen: abs, reason: 'path given by the user (--config)' };
  }

  const standard = await add(p.join(electronAppDataDir(input), 'Claude', CONFIG_FILE_NAME), 'standard');
  if (platform !== 'win32') {
    const where = platform === 'darwin' ? '~/Library/Application Support'
      : input.env.XDG_CONFIG_HOME && p.isAbsolute(input.env.XDG_CONFIG_HOME) ? '$XDG_CONFIG_HOME' : '~/.config (XDG_CONFIG_HOME unset)';
    return { platform, candidates, chosen: standard.path, reason: `Claude Desktop's config under ${where}` };
  }

  const localAppData = input.env.LOCALAPPDATA || p.join(input.homedir, 'AppData', 'Local');
  const packagesDir = p.join(localAppData, 'Packages');
  const packages: string[] = [];
  for (const name of (await listDir(fs, packagesDir)).sort()) {
    if (name.startsWith('Claude_') && await isDir(fs, p.join(packagesDir, name))) packages.push(name);
  }
  const msix: ConfigCandidate[] = [];
  for (const name of packages) {
    msix.push(await add(p.join(packagesDir, name, 'LocalCache', 'Roaming', 'Claude', CONFIG_FILE_NAME), 'msix'));
  }
  // An installed MSIX package redirects the app's %APPDATA% writes into its LocalCache, so when
  // the package folder exists that copy is the one the app reads, whether or not the file exists yet.
  const pick = msix.find((c) => c.exists) ?? msix[0];
  if (pick) {
    return {
      platform, candidates, chosen: pick.path,
      reason: `Microsoft Store install found (${p.basename(p.dirname(p.dirname(p.dirname(p.dirname(pick.path)))))}): the app reads its virtualized copy`,
    };
  }
  return { platform, candidates, chosen: standard.path, reason: 'Claude Desktop\'s config under %APPDATA% (no Microsoft Store package found)' };
}

async function isFile(fs: Pick<FsPort, 'stat'>, path: string): Promise<boolean> {
  if (!(await pathExists(fs, path).catch(() => false))) return false;
  return (await fs.stat(path)).isFile();
}

async function isDir(fs: Pick<FsPort, 'stat'>, path: string): Promise<boolean> {
  return fs.stat(path).then((st) => st.isDirectory(), () => false);
}

async function listDir(fs: Pick<FsPort, 'readdir'>, path: string): Promise<string[]> {
  try {
    return await fs.readdir(path);
  } catch {
    return [];
  }
}

/**
 * Whether `path` is where Claude Desktop keeps its config on this machine (a default candidate of
 * resolveConfigPaths): the one place the helper may create a missing folder (Claude not yet run).
 */
export async function isStandardConfigPath(input: Omit<LocateInput, 'override' | 'cwd'>, path: string): Promise<boolean> {
  const { candidates } = await resolveConfigPaths(input);
  return candidates.some((c) => c.path === path);
}
