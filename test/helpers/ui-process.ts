/**
 * `iam-mcp-helper ui` as a real child process (its own process group) for the e2e tests, and
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core) to open its link.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { groupAlive as bridgeGroupAlive } from '../../main/core/mcp/bridge-spawn.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface UiProcess { child: ChildProcess; url: string; port: number; output: () => string }

export async function startUiProcess(args: string[], env: NodeJS.ProcessEnv): Promise<UiProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/iam-mcp-helper.js'), 'ui', '--no-open', ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    const look = () => {
      const m = /UI: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m?.[1]) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout?.on('data', look);
    child.once('exit', () => { clearTimeout(timer); reject(new Error(`ui exited: ${out}`)); });
  });
  return { child, url, port: Number(new URL(url).port), output: () => out };
}

/** Ctrl-C to the process group; resolves with the exit code once it is gone. */
export async function interrupt(ui: UiProcess): Promise<number | null> {
  if (ui.child.exitCode !== null) return ui.child.exitCode;
  const exited = new Promise<number | null>((resolve) => ui.child.once('exit', (code) => resolve(code)));
  process.kill(-(ui.child.pid as number), 'SIGINT');
  const timer = setTimeout(() => { try { process.kill(-(ui.child.pid as number), 'SIGKILL'); } catch { /* gone */ } }, 15_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** The bridge's rule: a group of zombies only (killed, waiting to be reaped) runs nothing. */
export function groupAlive(pid: number): boolean {
  return bridgeGroupAlive(pid, process.platform);
}

export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(true));
  });
}

export async function openChromium(): Promise<{ ctx: BrowserContext; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ui-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { ctx, dir };
}
