/**
 * Shared set-up for the bridge integration tests: real emulator profiles, the entry written by
 * the real `setup` command, a HOME whose ~/.npmrc sets `offline=true` (HOME is one of the
 * variables Claude's child env inherits), so npx can only resolve the project's installed
 * mcp-remote and never downloads.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../../main/cli/index.js';
import { groupAlive as bridgeGroupAlive } from '../../../main/core/mcp/bridge-spawn.js';
import type { CliIo } from '../../../main/cli/command.js';
import { startEmulator, type EmulatorHandle, type Faults, type ProfileName } from '../../iam/index.js';
import { startSpecServer } from '../../iam/spec/server.js';
import type { BridgeReport } from '../../../main/core/mcp/bridge-run.js';

export const PROJECT = path.resolve(import.meta.dirname, '../../..');
export const LOGIN_COMMAND = 'npm run --silent iam-login --';

export async function startProfile(profile: ProfileName, faults?: Faults): Promise<EmulatorHandle> {
  return profile === 'spec' ? startSpecServer({ profile, ...(faults ? { faults } : {}) }) : startEmulator({ profile, ...(faults ? { faults } : {}) });
}

export interface Sandbox { dir: string; home: string; config: string; cleanup: () => Promise<void> }

/** A temp dir with HOME (npm offline unless `npmrc` says otherwise) and a config path. */
export async function sandbox(npmrc = 'offline=true\n'): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-test-'));
  const home = path.join(dir, 'home');
  await mkdir(home, { recursive: true });
  await writeFile(path.join(home, '.npmrc'), npmrc);
  return { dir, home, config: path.join(dir, 'claude_desktop_config.json'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** stdout into `out`, stderr into `err` (progress lines under --json go there). */
export function testIo(home: string, out: string[], cwd = PROJECT, err: string[] = []): CliIo {
  return {
    stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); },
    env: { ...process.env, HOME: home }, cwd, platform: process.platform, homedir: home, signal: new AbortController().signal,
  };
}

/** Runs the real `setup` command; returns the entry it wrote. */
export async function setupEntry(sb: Sandbox, em: EmulatorHandle, extra: string[] = []): Promise<{ command: string; args: string[]; env?: Record<string, string> }> {
  const out: string[] = [];
  const code = await main(['setup', '--url', em.mcpUrl, '--client-id', em.clientId, '--config', sb.config, ...extra], testIo(sb.home, out, PROJECT, out));
  if (code !== 0) throw new Error(`setup exited ${code}: ${out.join('')}`);
  const config = JSON.parse(await readFile(sb.config, 'utf8')) as { mcpServers: Record<string, { command: string; args: string[] }> };
  const entry = config.mcpServers.iam;
  if (!entry) throw new Error('setup wrote no iam entry');
  return entry;
}

export const step = (report: BridgeReport, id: string) => report.steps.find((s) => s.id === id);

/**
 * True while any process of the group `pid` leads runs: the bridge's own rule (zombies waiting for
 * init to reap them run nothing and hold nothing, and this sandbox's init may reap them late).
 */
export function groupAlive(pid: number): boolean {
  return bridgeGroupAlive(pid, process.platform);
}

/** Pids of processes whose command line mentions `needle` (pgrep -f), excluding this process. */
export function processesMentioning(needle: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number).filter((p) => p !== process.pid);
  } catch {
    return [];
  }
}

/** Asserts the bridge's process tree is gone; returns the pid it checked. */
export function bridgePid(report: BridgeReport): number {
  const pid = step(report, 'bridge.cleanup')?.evidence.pid;
  if (typeof pid !== 'number') throw new Error('no bridge pid in the report');
  return pid;
}
