/** GUI PATH vs login-shell PATH resolution, the child env, and the opener hook, on real temp dirs. */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LINUX_GUI_PATH, MACOS_GUI_PATH, guiPath, locateCommand, resolveCommand, spawnPath } from '../../../main/core/mcp/bridge-path.js';
import { pathStep } from '../../../main/core/mcp/bridge-steps.js';
import { bridgeChildEnv } from '../../../main/core/mcp/bridge-spawn.js';
import { createOpenerHook, runBrowserCommand } from '../../../main/core/mcp/bridge-opener.js';
import { packageSpec } from '../../../main/core/mcp/bridge-run.js';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = ''; });

async function exe(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\nexit 0\n');
  await chmod(file, 0o755);
}

describe('bridge PATH', () => {
  it('models the GUI PATH per platform', () => {
    expect(guiPath('darwin', { PATH: '/opt/x' })).toBe(MACOS_GUI_PATH);
    expect(guiPath('linux', { PATH: '/opt/x' })).toBe(LINUX_GUI_PATH);
    expect(guiPath('win32', { Path: 'C:\\x' })).toBe('C:\\x');
  });

  it('flags a command found only on the login shell\'s PATH (an nvm npx)', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-path-'));
    const nvmBin = path.join(dir, '.nvm/versions/node/v22.1.0/bin');
    await exe(path.join(nvmBin, 'npx-only-here'));
    const where = await locateCommand('npx-only-here', 'linux', {}, undefined, `${nvmBin}:/usr/bin`);
    expect(where.inGui).toBeUndefined();
    expect(where.inLogin).toBe(path.join(nvmBin, 'npx-only-here'));
    expect(await resolveCommand(path.join(nvmBin, 'npx-only-here'), '', 'linux')).toBe(path.join(nvmBin, 'npx-only-here'));
    // macOS: Claude would not start it, so the run uses the GUI PATH and the finding fails.
    const mac = await locateCommand('npx-only-here', 'darwin', {}, undefined, `${nvmBin}:/usr/bin`);
    expect(spawnPath(mac, 'darwin', {}).from).toBe('gui');
    expect(pathStep(mac, 'darwin', spawnPath(mac, 'darwin', {})).status).toBe('fail');
    // Linux: no single desktop PATH; the run uses the login shell's and warns.
    expect(spawnPath(where, 'linux', {})).toEqual({ path: `${nvmBin}:/usr/bin`, from: 'login-shell' });
    const linuxStep = pathStep(where, 'linux', spawnPath(where, 'linux', {}));
    expect(linuxStep.status).toBe('warn');
    expect(linuxStep.fix).toContain(path.join(nvmBin, 'npx-only-here'));
  });

  it('on Windows without a shell, finds cmd.exe but not npx.cmd as "npx"', async () => {
    const files = new Set(['C:\\Windows\\System32\\cmd.exe', 'C:\\nodejs\\npx.cmd']);
    const ports = { isExecutable: async (f: string) => files.has(f) };
    expect(await resolveCommand('cmd', 'C:\\Windows\\System32;C:\\nodejs', 'win32', ports)).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(await resolveCommand('npx', 'C:\\Windows\\System32;C:\\nodejs', 'win32', ports)).toBeUndefined();
  });

  it('builds the child env as the SDK does: inherited few, GUI PATH, entry env on top', () => {
    const env = bridgeChildEnv({ HOME: '/h', PATH: '/login/bin', SECRET: 'x', TERM: '() { :; }' }, '/usr/bin:/bin', { OAUTH_CLIENT_ID: 'c' });
    expect(env).toEqual({ HOME: '/h', PATH: '/usr/bin:/bin', OAUTH_CLIENT_ID: 'c' });
  });

  it('reads the package an npx entry runs', () => {
    expect(packageSpec({ command: 'npx', args: ['-y', 'mcp-remote@0.15.1', 'https://x/mcp'] })).toBe('mcp-remote@0.15.1');
    expect(packageSpec({ command: 'cmd', args: ['/c', 'npx', '-y', '@modelcontextprotocol/server-oauth', 'https://x'] })).toBe('@modelcontextprotocol/server-oauth');
    expect(packageSpec({ command: '/usr/bin/node', args: ['server.js'] })).toBeUndefined();
  });
});

describe('opener hook', () => {
  it('records the URL any opener name receives, and BROWSER points at one', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-hook-'));
    const hook = await createOpenerHook(dir, 'linux');
    if (!hook) throw new Error('no hook on linux');
    execFileSync(path.join(hook.binDir, 'xdg-open'), ['http://127.0.0.1:1/a?x=1&y=2']);
    execFileSync(path.join(hook.binDir, 'gio'), ['open', 'http://127.0.0.1:1/b']);
    execFileSync(hook.env.BROWSER!, ['http://127.0.0.1:1/c']);
    expect(await hook.urls()).toEqual(['http://127.0.0.1:1/a?x=1&y=2', 'http://127.0.0.1:1/b', 'http://127.0.0.1:1/c']);
  });

  it('runs the browser command with the URL as its last argument and kills it at its deadline', async () => {
    const ok = await runBrowserCommand('printf "%s|"', 'http://127.0.0.1:1/x?a=b c', { platform: 'linux', env: process.env, timeoutMs: 5000 });
    expect(ok).toMatchObject({ exitCode: 0, output: 'http://127.0.0.1:1/x?a=b c|', timedOut: false, reaped: true });
    const slow = await runBrowserCommand('sleep 30; echo', 'http://x', { platform: 'linux', env: process.env, timeoutMs: 300 });
    expect(slow.timedOut).toBe(true);
    expect(slow.reaped).toBe(true);
    expect(slow.durationMs).toBeLessThan(5000);
  });
});
