/**
 * Token cache: by default every run gets a fresh MCP_REMOTE_CONFIG_DIR (a clean first-run login);
 * --use-bridge-cache uses the user's real one (~/.mcp-auth), reproducing what Claude sees now.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { runVerifyViaBridge } from '../../../main/cli/commands/verify-via-bridge.js';
import type { BridgeReport } from '../../../main/core/mcp/bridge-run.js';
import type { EmulatorHandle } from '../../iam/index.js';
import { LOGIN_COMMAND, sandbox, setupEntry, startProfile, step, testIo, type Sandbox } from './helpers.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
afterEach(async () => {
  await em?.close();
  await sb?.cleanup();
});

async function verify(sbx: Sandbox, flags: Record<string, string | boolean>): Promise<{ code: number; report: BridgeReport }> {
  const out: string[] = [];
  const code = await runVerifyViaBridge({ 'via-bridge': true, config: sbx.config, json: true, timeout: '40000', ...flags }, testIo(sbx.home, out));
  return { code, report: JSON.parse(out.join('')) as BridgeReport };
}

it('--use-bridge-cache reuses the sign-in in ~/.mcp-auth; the default run never sees it', async () => {
  em = await startProfile('hanzo-v1');
  sb = await sandbox();
  await setupEntry(sb, em);

  const first = await verify(sb, { 'use-bridge-cache': true, 'browser-command': LOGIN_COMMAND });
  expect(first.code).toBe(0);
  expect(step(first.report, 'bridge.login')?.status).toBe('pass');
  expect(step(first.report, 'bridge.spawn')?.evidence.mcpRemoteConfigDir).toBe(path.join(sb.home, '.mcp-auth'));
  expect(existsSync(path.join(sb.home, '.mcp-auth'))).toBe(true);

  // A browser command that fails if used: the cached token must carry the second run.
  const second = await verify(sb, { 'use-bridge-cache': true, 'browser-command': 'false' });
  expect(second.code, JSON.stringify(second.report.steps, null, 1)).toBe(0);
  expect(step(second.report, 'bridge.login')?.status).toBe('skip');
  expect(step(second.report, 'mcp.tool-call')?.status).toBe('pass');

  // Without the flag the bridge gets an empty cache, so it must sign in (and this browser cannot).
  const fresh = await verify(sb, { 'browser-command': 'false' });
  expect(fresh.code).toBe(1);
  expect(step(fresh.report, 'bridge.login')?.status).toBe('fail');
  expect(step(fresh.report, 'bridge.spawn')?.evidence.mcpRemoteConfigDir).not.toBe(path.join(sb.home, '.mcp-auth'));
}, 120_000);
