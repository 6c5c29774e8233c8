/**
 * Spawns a Claude Desktop `mcpServers` entry and speaks MCP to it over stdio.
 *
 * What is emulated (Claude Desktop starts stdio servers the way the MCP SDK's StdioClientTransport
 * does): stdin/stdout pipes carrying newline-delimited JSON-RPC, `shell: false`, the environment
 * `{...getDefaultEnvironment(), ...entry.env}` (HOME, LOGNAME, PATH, SHELL, TERM, USER on POSIX;
 * the Windows list on win32), `windowsHide` on Windows. On Windows, with no shell, CreateProcess
 * finds `cmd` (cmd.exe) but not `npx` (npx.cmd): an entry `cmd /c npx …` runs as Claude runs it,
 * a bare `npx` fails with ENOENT as it does in Claude.
 *
 * The one difference: StdioClientTransport (SDK 1.32) cannot start the child in its own process
 * group, and a bridge is a tree (npx → sh → node mcp-remote → browser opener), so the child is
 * started `detached` (POSIX: a new process group) and the whole group is killed at the end. The
 * JSON-RPC framing is the SDK's own (`ReadBuffer`, `serializeMessage`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_INHERITED_ENV_VARS } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface BridgeSpawnOptions {
  command: string;
  args: string[];
  /** The complete environment of the child (see `bridgeChildEnv`). */
  env: Record<string, string>;
  cwd?: string;
  platform: NodeJS.Platform;
  /** Receives every chunk the child writes to stderr. */
  onStderr?: (text: string) => void;
}

/**
 * The child's environment as StdioClientTransport builds it (`getDefaultEnvironment()`, i.e. the
 * DEFAULT_INHERITED_ENV_VARS of the app's env, skipping `()`-function values, then the entry's
 * env), with the app's PATH replaced by `appPath` (the GUI PATH Claude Desktop has).
 */
export function bridgeChildEnv(appEnv: NodeJS.ProcessEnv, appPath: string, entryEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of DEFAULT_INHERITED_ENV_VARS) {
    const value = key === 'PATH' ? appPath : appEnv[key];
    if (value !== undefined && !value.startsWith('()')) env[key] = value;
  }
  return { ...env, ...entryEnv };
}

/** An MCP client transport over a detached child's stdio; `close()` kills the whole tree. */
export class BridgeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  private readonly readBuffer = new ReadBuffer();
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  /** The child's exit once it happened (code or signal). */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(private readonly options: BridgeSpawnOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private started: Promise<void> | undefined;

  /**
   * Resolves once the process started; rejects with the spawn error (ENOENT, EACCES). Idempotent:
   * the runner starts the process first (to report the spawn on its own), `Client.connect` again.
   */
  start(): Promise<void> {
    this.started ??= this.spawnChild();
    return this.started;
  }

  private spawnChild(): Promise<void> {
    const { command, args, env, cwd, platform } = this.options;
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: platform === 'win32',
      detached: platform !== 'win32',
    });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => this.options.onStderr?.(text));
    child.stdout?.on('data', (chunk: Buffer) => {
      this.readBuffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.readBuffer.readMessage();
        } catch (error) {
          // A non-JSON line on stdout (npm notices, a bridge's stray log) is skipped, as the SDK does.
          this.onerror?.(error as Error);
          continue;
        }
        if (message === null) break;
        this.onmessage?.(message);
      }
    });
    child.stdin?.on('error', (error) => this.onerror?.(error));
    child.once('close', () => this.onclose?.());
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => {
        this.exit ??= { code: null, signal: null };
        reject(error);
        this.onerror?.(error);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new Error('bridge process is not running'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    await this.shutdown();
  }

  /**
   * Ends stdin (Claude's polite stop), then SIGTERM and SIGKILL to the whole process group.
   * Resolves with the pids that were still alive afterwards (empty when the tree is gone).
   */
  shutdown(graceMs = 1000): Promise<number[]> {
    // One shutdown however many callers (the SDK's Client.close on a failed connect, the runner).
    this.stopping ??= this.stop(graceMs);
    return this.stopping;
  }

  private stopping: Promise<number[]> | undefined;

  private async stop(graceMs: number): Promise<number[]> {
    const child = this.child;
    if (!child?.pid) return [];
    const pid = child.pid;
    try {
      child.stdin?.end();
    } catch {
      // already closed
    }
    const exited = this.exited ?? Promise.resolve();
    await within(exited, graceMs);
    killTree(pid, 'SIGTERM', this.options.platform);
    await within(exited, graceMs);
    killTree(pid, 'SIGKILL', this.options.platform);
    await waitGone(pid, this.options.platform, 3000);
    this.readBuffer.clear();
    return groupAlive(pid, this.options.platform) ? [pid] : [];
  }
}

/**
 * A plain (ref'd) timer: every sleep here is awaited, so it must keep the process alive. An
 * unref'd one lets the event loop empty while a killed group member waits to be reaped (a zombie
 * still answers `kill(-pgid, 0)`), and Node then exits 13 with the run's result unprinted.
 */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for `promise` or `ms`, whichever comes first, leaving no timer behind. */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Signals the process group led by `pid` (POSIX); on Windows, `taskkill /T /F` the tree. */
export function killTree(pid: number, signal: NodeJS.Signals, platform: NodeJS.Platform): void {
  if (platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/**
 * True while any process of the group led by `pid` (POSIX) or the pid itself (Windows) runs. On
 * Linux a group whose members are all zombies (killed, their parent gone, waiting for init to reap
 * them, which can take seconds) counts as gone: they run nothing and hold nothing.
 */
export function groupAlive(pid: number, platform: NodeJS.Platform): boolean {
  try {
    process.kill(platform === 'win32' ? pid : -pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return platform !== 'linux' || !onlyZombies(pid);
}

/** proc(5): `/proc/<pid>/stat` is "pid (comm) state ppid pgrp …"; state Z/X is a process that has exited. */
function onlyZombies(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return false;
  }
  return true;
}

async function waitGone(pid: number, platform: NodeJS.Platform, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (groupAlive(pid, platform) && Date.now() < deadline) await sleep(50);
}
