/**
 * The browser hook: lets automation complete the bridge's login without changing the bridge.
 *
 * mcp-remote 0.15.1 opens the authorization URL with the `open` package (Linux: its bundled
 * xdg-open, which honours `BROWSER` outside a desktop session; macOS: `open` looked up on PATH),
 * then falls back to `/usr/bin/xdg-open`, `gio open`, `x-www-browser`, `sensible-browser`
 * (docs/architecture.md, Toolchain facts). The hook is a directory placed first on the child's PATH holding a
 * tiny opener under each of those names, plus `BROWSER` pointing at it. The opener appends the URL
 * to a file and exits 0; the runner reads the file and hands each new URL to `--browser-command`,
 * a process it owns (own process group, killed at the end). Windows has no hook: there the bridge
 * opens the user's browser.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { groupAlive, killTree } from './bridge-spawn.js';

const OPENER_NAMES = ['xdg-open', 'x-www-browser', 'sensible-browser', 'www-browser', 'gio'];

export interface OpenerHook {
  /** Directory to put first on the child's PATH. */
  binDir: string;
  /** Env additions for the child (`BROWSER`). */
  env: Record<string, string>;
  /** URLs the bridge asked to open so far, in order. */
  urls(): Promise<string[]>;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Writes the opener scripts under `dir` (POSIX only; undefined on Windows). */
export async function createOpenerHook(dir: string, platform: NodeJS.Platform): Promise<OpenerHook | undefined> {
  if (platform === 'win32') return undefined;
  const binDir = path.join(dir, 'bin');
  const urlFile = path.join(dir, 'opened-urls.txt');
  await mkdir(binDir, { recursive: true });
  await writeFile(urlFile, '');
  // The URL is the last argument for every opener name (`gio open URL`, `xdg-open URL`, `$BROWSER URL`).
  const script = `#!/bin/sh\nfor last in "$@"; do :; done\nprintf '%s\\n' "$last" >> ${shQuote(urlFile)}\nexit 0\n`;
  const names = platform === 'darwin' ? [...OPENER_NAMES, 'open'] : OPENER_NAMES;
  for (const name of names) {
    const file = path.join(binDir, name);
    await writeFile(file, script);
    await chmod(file, 0o755);
  }
  return {
    binDir,
    env: { BROWSER: path.join(binDir, 'x-www-browser') },
    urls: async () => (await readFile(urlFile, 'utf8')).split('\n').filter((line) => /^https?:\/\//.test(line)),
  };
}

export interface BrowserCommandResult {
  command: string;
  exitCode: number | null;
  /** Combined stdout+stderr, last 4 KiB. */
  output: string;
  timedOut: boolean;
  durationMs: number;
  /** True when the command's process group was gone after it ended. */
  reaped: boolean;
}

/**
 * Runs `command` (a shell command line, e.g. `npm run --silent iam-login --`) with the URL as
 * one more argument, in its own process group; kills the group on timeout or abort.
 */
export function runBrowserCommand(command: string, url: string, opts: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number; signal?: AbortSignal }): Promise<BrowserCommandResult> {
  const started = Date.now();
  const [file, args] = opts.platform === 'win32'
    ? ['cmd.exe', ['/d', '/s', '/c', `"${command} "${url}""`]]
    : ['/bin/sh', ['-c', `${command} "$1"`, 'browser-command', url]];
  const child = spawn(file, args, {
    env: opts.env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.platform !== 'win32',
    windowsHide: true,
    windowsVerbatimArguments: opts.platform === 'win32',
  });
  let output = '';
  const collect = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-4096); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const pid = child.pid;
  const alive = () => pid !== undefined && groupAlive(pid, opts.platform);
  /** SIGTERM first (playwright closes the browser it launched on SIGTERM), SIGKILL after `graceMs`. */
  const terminate = async (graceMs: number) => {
    if (pid === undefined) return;
    killTree(pid, 'SIGTERM', opts.platform);
    const deadline = Date.now() + graceMs;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive()) killTree(pid, 'SIGKILL', opts.platform);
  };
  return new Promise((resolve) => {
    let timedOut = false;
    const stop = () => { void terminate(2000); };
    const timer = setTimeout(() => { timedOut = true; stop(); }, opts.timeoutMs);
    opts.signal?.addEventListener('abort', stop, { once: true });
    let done = false;
    const finish = async (exitCode: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
      // Leftovers of the command in its group go with it.
      await terminate(2000);
      const deadline = Date.now() + 1000;
      while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      resolve({ command, exitCode, output: output.trim(), timedOut, durationMs: Date.now() - started, reaped: !alive() });
    };
    child.once('error', (error) => { output += String(error); void finish(null); });
    child.once('close', (code) => void finish(code));
  });
}
