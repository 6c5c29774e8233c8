/**
 * The PATH a GUI-launched Claude Desktop gets versus the user's login shell's, and where the
 * entry's `command` resolves on each. GUI apps do not read shell profiles: a `npx` installed by
 * nvm, fnm, volta or Homebrew-on-a-custom-prefix is found in a terminal and not by Claude.
 *
 * Models (stated, not probed):
 * - macOS: launchd gives GUI apps `/usr/bin:/bin:/usr/sbin:/sbin` (launchctl's default user PATH).
 * - Linux: the desktop session's PATH is systemd's default user PATH
 *   `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` (display managers that source
 *   ~/.profile add to it; that is what the login-shell PATH shows).
 * - Windows: GUI apps and new shells read the same registry PATH, so it is the current PATH.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

export const MACOS_GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';
export const LINUX_GUI_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function guiPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return MACOS_GUI_PATH;
  if (platform === 'win32') return env.Path ?? env.PATH ?? '';
  return LINUX_GUI_PATH;
}

export interface PathPorts {
  /** True when `file` exists, is a regular file and (POSIX) is executable. */
  isExecutable: (file: string) => Promise<boolean>;
}

/**
 * PathPorts over a stat-only file system (the doctor's injected fs): a regular file, and on POSIX
 * with an execute bit (mode & 0o111; access(X_OK) also weighs the owner, which stat alone cannot).
 */
export function statPathPorts(fs: { stat: (file: string) => Promise<{ isFile(): boolean; mode: number }> }, platform: NodeJS.Platform): PathPorts {
  return {
    isExecutable: async (file) => {
      try {
        const st = await fs.stat(file);
        return st.isFile() && (platform === 'win32' || (st.mode & 0o111) !== 0);
      } catch {
        return false;
      }
    },
  };
}

/** Windows' default PATHEXT (cmd.exe resolves a bare name with these, in order). */
export const WINDOWS_DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC';

export interface ResolveOptions {
  /**
   * Windows: the name is run by `cmd /c` (a wrapped entry's program), which tries every PATHEXT
   * extension (`npx` finds `npx.cmd`); otherwise spawn without a shell tries `.exe` and `.com` only.
   */
  shell?: boolean;
  /** PATHEXT of the environment (default WINDOWS_DEFAULT_PATHEXT). */
  pathext?: string;
}

export const nodePathPorts: PathPorts = {
  isExecutable: async (file) => {
    try {
      if (!(await stat(file)).isFile()) return false;
      await access(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * Where `command` resolves on `searchPath`, or undefined. Absolute and relative paths are taken
 * as they are. On Windows, spawn without a shell (libuv search_path) tries only `.exe` and `.com`
 * (and the name as given): `npx.cmd` is never found as `npx`; under `cmd /c` (opts.shell) PATHEXT applies.
 */
export async function resolveCommand(command: string, searchPath: string, platform: NodeJS.Platform, ports: PathPorts = nodePathPorts,
  opts: ResolveOptions = {}): Promise<string | undefined> {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const winExts = opts.shell ? (opts.pathext || WINDOWS_DEFAULT_PATHEXT).split(';').filter(Boolean).map((e) => e.toLowerCase()) : ['.exe', '.com'];
  const exts = platform === 'win32' ? (p.extname(command) ? [''] : winExts) : [''];
  const candidates = command.includes('/') || (platform === 'win32' && command.includes('\\'))
    ? exts.map((e) => command + e)
    : searchPath.split(platform === 'win32' ? ';' : ':').filter(Boolean).flatMap((dir) => exts.map((e) => p.join(dir, command + e)));
  for (const candidate of candidates) if (await ports.isExecutable(candidate)) return candidate;
  return undefined;
}

/**
 * PATH as the user's login shell sets it (`$SHELL -ilc`), or undefined when there is no shell,
 * it fails, or takes longer than `timeoutMs` (a slow profile). Not applicable on Windows.
 */
export async function loginShellPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, timeoutMs = 5000): Promise<string | undefined> {
  if (platform === 'win32') return undefined;
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  const mark = '__IAM_MCP_HELPER_PATH__';
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(shell, ['-ilc', `printf '\\n${mark}%s${mark}\\n' "$PATH"`], {
      env: { HOME: env.HOME ?? '', USER: env.USER ?? '', LOGNAME: env.LOGNAME ?? '', SHELL: shell, TERM: 'dumb' },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // gone
      }
      resolve(undefined);
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => { out += text; });
    child.once('error', () => { clearTimeout(timer); resolve(undefined); });
    child.once('close', () => {
      clearTimeout(timer);
      const match = new RegExp(`${mark}(.*)${mark}`).exec(out);
      resolve(match?.[1]);
    });
  });
}

export interface CommandLocation {
  command: string;
  guiPath: string;
  loginPath?: string;
  /** Where Claude Desktop (GUI PATH) finds it. */
  inGui?: string;
  /** Where a terminal (login shell PATH) finds it. */
  inLogin?: string;
  /** Where this process's own PATH finds it. */
  inCurrent?: string;
}

export async function locateCommand(command: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, ports: PathPorts = nodePathPorts,
  loginPath?: string, opts: Pick<ResolveOptions, 'shell'> = {}): Promise<CommandLocation> {
  const gui = guiPath(platform, env);
  const o: ResolveOptions = { ...opts, ...(env.PATHEXT ? { pathext: env.PATHEXT } : {}) };
  const [inGui, inLogin, inCurrent] = await Promise.all([
    resolveCommand(command, gui, platform, ports, o),
    loginPath === undefined ? Promise.resolve(undefined) : resolveCommand(command, loginPath, platform, ports, o),
    resolveCommand(command, env.PATH ?? env.Path ?? '', platform, ports, o),
  ]);
  return { command, guiPath: gui, ...(loginPath === undefined ? {} : { loginPath }), ...(inGui ? { inGui } : {}), ...(inLogin ? { inLogin } : {}),
    ...(inCurrent ? { inCurrent } : {}) };
}

/**
 * The PATH the bridge is spawned with. macOS and Windows: the GUI PATH, always (a command missing
 * there fails as it fails in Claude). Linux has no single desktop PATH (display managers often
 * source ~/.profile), so when the command is only on the login shell's or this process's PATH,
 * that PATH is used and the finding is a warning rather than a failure.
 */
export function spawnPath(where: CommandLocation, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { path: string; from: 'gui' | 'login-shell' | 'current' } {
  if (platform !== 'linux' || where.inGui) return { path: where.guiPath, from: 'gui' };
  if (where.inLogin && where.loginPath) return { path: where.loginPath, from: 'login-shell' };
  if (where.inCurrent) return { path: env.PATH ?? '', from: 'current' };
  return { path: where.guiPath, from: 'gui' };
}
