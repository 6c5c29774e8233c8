/**
 * One meaning of each time limit: `--timeout` bounds each network request, `--login-timeout`
 * the wait for a sign-in (in verify, verify --via-bridge and doctor --login), and a run that hits
 * a limit ends with a complete result, exit 1, after saying what it waited for and for how long.
 * The built binary (`npm run build`), the IAM emulator, the real mcp-remote for the bridge.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../iam/index.js';
import { PROJECT, sandbox, setupEntry, type Sandbox } from '../bridge/helpers.js';

const BIN = path.resolve('bin/iam-mcp-helper.js');
let em: EmulatorHandle;
let sb: Sandbox;
beforeAll(async () => { em = await startEmulator({ profile: 'casdoor' }); sb = await sandbox(); });
afterAll(async () => { await em.close(); await sb.cleanup(); });

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: sb.home, SHELL: '/bin/sh' }, cwd: PROJECT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 80_000);
    child.on('exit', (code) => { clearTimeout(kill); resolve({ code, out, err }); });
  });
}

interface Step { id: string; status: string; cause?: string; evidence: Record<string, unknown>; fixAction?: { action: string } }

describe('time limits', () => {
  it('verify --login-timeout bounds the sign-in wait, says so, and ends in a complete result, exit 1', async () => {
    const run = await cli(['verify', '--url', em.mcpUrl, '--client-id', em.clientId, '--callback-port', '0', '--browser-command', 'sleep 60 #', '--login-timeout', '2000', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/Waiting for the sign-in \(up to 2 s\)/);
    const result = JSON.parse(run.out) as { steps: Step[] };
    expect(result.steps.find((s) => s.id === 'oauth.sign-in')?.cause).toMatch(/within 2 s/);
  }, 90_000);

  it('verify keeps reading the old --callback-timeout', async () => {
    const run = await cli(['verify', '--url', em.mcpUrl, '--client-id', em.clientId, '--callback-port', '0', '--browser-command', 'sleep 60 #', '--callback-timeout', '2000', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/up to 2 s/);
  }, 90_000);

  it('verify --via-bridge: --timeout is per request, --login-timeout bounds the sign-in; it says what it waits for, and the result names the sign-in limit', async () => {
    await setupEntry(sb, em);
    const run = await cli(['verify', '--via-bridge', '--config', sb.config, '--browser-command', 'sleep 60 #', '--timeout', '15000', '--login-timeout', '3000', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/Waiting for the browser command to complete the bridge's sign-in \(up to 3 s\)/);
    const report = JSON.parse(run.out) as { steps: Step[] };
    const timeout = report.steps.find((s) => s.id === 'bridge.timeout');
    expect(timeout?.evidence).toMatchObject({ limit: 'sign-in', timeoutMs: 3000 });
    expect(timeout?.cause).toMatch(/No sign-in completed within 3 s;/);
    // The limit to raise is data; the CLI names its flag on the how: line (docs/fix-actions.md).
    expect(timeout?.fixAction).toEqual({ action: 'run.raise-sign-in-timeout' });
  }, 90_000);

  it('doctor --login-timeout needs --login or --bridge', async () => {
    const run = await cli(['doctor', '--url', em.mcpUrl, '--login-timeout', '2000']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--login-timeout goes with --login or --bridge/);
  });
});
