/**
 * config.command-resolvable has one resolver (bridge-path.ts): the doctor's check and the bridge
 * run's path step give the same verdict for the same entry (execute bit, Windows `cmd /c` PATHEXT).
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configChecks } from '../../../main/core/diagnostics/checks/config.js';
import { readBridgeEntry } from '../../../main/core/diagnostics/entry.js';
import type { CheckContext } from '../../../main/core/diagnostics/types.js';
import type { FsReadPort } from '../../../main/core/config/fs-port.js';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import { locateCommand, nodePathPorts, statPathPorts } from '../../../main/core/mcp/bridge-path.js';
import { pathStep } from '../../../main/core/mcp/bridge-steps.js';

const check = configChecks.find((c) => c.id === 'config.command-resolvable')!;

async function doctorVerdict(raw: Record<string, unknown>, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, fs: FsReadPort): Promise<string> {
  const entry = readBridgeEntry(raw, platform)!;
  const ctx = { deps: { platform, env, fs, nodeVersion: async () => 'v22.1.0' }, options: { target: { name: 'iam', entry } } } as unknown as CheckContext;
  return (await check.run(ctx, new AbortController().signal)).status;
}

async function bridgeVerdict(raw: Record<string, unknown>, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, ports = nodePathPorts): Promise<string> {
  const entry = readBridgeEntry(raw, platform)!;
  const program = entry.wrapped ? (entry.args[1] ?? '') : entry.command;
  const where = await locateCommand(program, platform, env, ports, undefined, { shell: entry.wrapped });
  return pathStep(where, platform, { path: where.guiPath, from: 'gui' }).status;
}

/** A Windows file system: the listed files exist (regular files), nothing else does. */
function windowsFs(files: string[]): FsReadPort {
  const set = new Set(files);
  return {
    readFile: async () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
    readdir: async () => [],
    stat: async (f) => {
      if (!set.has(f)) throw Object.assign(new Error(`ENOENT ${f}`), { code: 'ENOENT' });
      return { isFile: () => true, isDirectory: () => false, mode: 0o666, size: 1, mtimeMs: 0 };
    },
  };
}

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = ''; });

describe('config.command-resolvable: one resolver for the doctor and the bridge', () => {
  it('an absolute command without the execute bit fails in both; with it, passes in both (macOS)', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmd-resolve-'));
    const npx = path.join(dir, 'npx');
    await writeFile(npx, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    const raw = { command: npx, args: ['-y', 'mcp-remote@0.15.1', 'https://iam.example.com/api/mcp'] };
    const fs = nodeDeps({ env: {}, platform: 'darwin', homedir: dir }).fs;
    expect(await doctorVerdict(raw, 'darwin', {}, fs)).toBe('fail');
    expect(await bridgeVerdict(raw, 'darwin', {})).toBe('fail');
    await chmod(npx, 0o755);
    expect(await doctorVerdict(raw, 'darwin', {}, fs)).toBe('pass');
    expect(await bridgeVerdict(raw, 'darwin', {})).toBe('pass');
  });

  it('Windows `cmd /c npx` finds npx.cmd through PATHEXT; an extensionless npx script is not runnable', async () => {
    const raw = { command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote@0.15.1', 'https://iam.example.com/api/mcp'] };
    const env = { Path: 'C:\\Windows\\System32;C:\\nodejs', PATHEXT: '.COM;.EXE;.BAT;.CMD' };
    const withCmd = windowsFs(['C:\\Windows\\System32\\cmd.exe', 'C:\\nodejs\\npx', 'C:\\nodejs\\npx.cmd', 'C:\\nodejs\\node.exe']);
    expect(await doctorVerdict(raw, 'win32', env, withCmd)).toBe('pass');
    expect(await bridgeVerdict(raw, 'win32', env, statPathPorts(withCmd, 'win32'))).toBe('pass');
    const onlyScript = windowsFs(['C:\\Windows\\System32\\cmd.exe', 'C:\\nodejs\\npx']);
    expect(await doctorVerdict(raw, 'win32', env, onlyScript)).toBe('fail');
    expect(await bridgeVerdict(raw, 'win32', env, statPathPorts(onlyScript, 'win32'))).toBe('fail');
  });
});
