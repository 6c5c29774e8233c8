/** `bridge.run` inside the doctor's runner: the same bridge verification folded into one check. */
import { afterEach, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import { bridgeRunCheckDef } from '../../../main/core/mcp/bridge-doctor.js';
import type { EmulatorHandle } from '../../iam/index.js';
import { LOGIN_COMMAND, PROJECT, groupAlive, sandbox, setupEntry, startProfile, type Sandbox } from './helpers.js';

let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
afterEach(async () => {
  await em?.close();
  await sb?.cleanup();
});

it('doctor with bridge.run runs the entry through the real bridge and reports one check with every step', async () => {
  em = await startProfile('hanzo-v1');
  sb = await sandbox();
  await setupEntry(sb, em);
  const deps = nodeDeps({ env: { ...process.env, HOME: sb.home }, platform: process.platform, homedir: sb.home });
  const def = bridgeRunCheckDef({ cwd: PROJECT, browserCommand: LOGIN_COMMAND, timeoutMs: 60_000 });
  const report = await runDoctor({ configPath: sb.config, timeoutMs: def.timeoutMs, extraChecks: [def] }, deps);
  const check = report.checks.find((c) => c.id === 'bridge.run');
  expect(check?.status, JSON.stringify(check, null, 1)).toBe('pass');
  const steps = check?.evidence.steps as { id: string; status: string; evidence: Record<string, unknown> }[];
  expect(steps.find((s) => s.id === 'mcp.tool-call')?.status).toBe('pass');
  const pid = steps.find((s) => s.id === 'bridge.cleanup')?.evidence.pid as number;
  expect(groupAlive(pid)).toBe(false);
}, 120_000);
