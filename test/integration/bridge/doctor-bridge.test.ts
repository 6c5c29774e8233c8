/**
 * `bridge.run` inside the doctor: the same bridge verification folded into one check, through the
 * real CLI (`doctor --bridge`) at the default per-check timeout (the check keeps its own, longer one),
 * and `verify --via-bridge` through the real CLI.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../iam/index.js';
import { LOGIN_COMMAND, PROJECT, groupAlive, sandbox, setupEntry, startProfile, type Sandbox } from './helpers.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

const run = promisify(execFile);
let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
afterEach(async () => {
  await em?.close();
  await sb?.cleanup();
});

async function cli(home: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT, 'bin/iam-mcp-helper.js'), ...args],
      { cwd: PROJECT, env: { ...process.env, HOME: home }, timeout: 110_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

type Step = { id: string; status: string; evidence: Record<string, unknown> };

it('doctor --bridge runs the entry through the real bridge and reports one check with every step', async () => {
  em = await startProfile('hanzo-v1');
  sb = await sandbox();
  await setupEntry(sb, em);
  const r = await cli(sb.home, 'doctor', '--config', sb.config, '--bridge', '--browser-command', LOGIN_COMMAND, '--json');
  const report = JSON.parse(r.stdout) as { checks: (Step & { cause?: string })[] };
  const check = report.checks.find((c) => c.id === 'bridge.run');
  expect(check?.status, JSON.stringify(check, null, 1)).toBe('pass');
  const steps = check?.evidence.steps as Step[];
  expect(steps.find((s) => s.id === 'mcp.tool-call')?.status).toBe('pass');
  const pid = steps.find((s) => s.id === 'bridge.cleanup')?.evidence.pid as number;
  expect(groupAlive(pid)).toBe(false);
}, 120_000);

it('verify --via-bridge through the CLI lists the applications with the same step shape as verify', async () => {
  em = await startProfile('casdoor');
  sb = await sandbox();
  await setupEntry(sb, em);
  const r = await cli(sb.home, 'verify', '--via-bridge', '--config', sb.config, '--browser-command', LOGIN_COMMAND, '--json');
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { version: number; steps: Step[]; durationMs: number };
  expect(out.version).toBe(1);
  expect(out.steps.find((s) => s.id === 'mcp.tools-list')?.status).toBe('pass');
  expect(JSON.stringify(out.steps.find((s) => s.id === 'mcp.tool-call'))).toContain('claude-desktop-mcp');
}, 120_000);
