/**
 * `verify --via-bridge` against a server that matches redirect URIs exactly (emulator fault
 * redirect-strict) with the entry `setup` writes: the bridge already sends
 * http://127.0.0.1:<port>/callback, so the finding says to register that URI, not to change the
 * bridge.
 */
import os from 'node:os';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { runBridgeVerify } from '../../../main/core/mcp/bridge-run.js';
import type { EmulatorHandle } from '../../iam/index.js';
import { LOGIN_COMMAND, PROJECT, bridgePid, groupAlive, sandbox, setupEntry, startProfile, step, type Sandbox } from './helpers.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
afterEach(async () => { await em?.close(); await sb?.cleanup(); em = undefined; sb = undefined; });

it('casdoor, redirect-strict: register the entry\'s own 127.0.0.1 callback URI', async () => {
  sb = await sandbox();
  em = await startProfile('casdoor', { redirectStrict: true });
  const entry = await setupEntry(sb, em);
  const port = Number(entry.args[3]);
  const uri = `http://127.0.0.1:${port}/callback`;
  const report = await runBridgeVerify({ entry, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(),
    cwd: PROJECT, browserCommand: LOGIN_COMMAND, timeoutMs: 60_000 });
  const finding = step(report, 'redirect.loopback');
  expect(finding?.status, JSON.stringify(report.steps, null, 1)).toBe('fail');
  expect(finding?.evidence.redirectUri).toBe(uri);
  expect(finding?.fix).toMatch(new RegExp(`^Add ${uri.replace(/[.:/]/g, '\\$&')} to the application's Redirect URIs`));
  expect(finding?.fix).not.toMatch(/Make the bridge send/);
  expect(finding?.cause).not.toMatch(/Hanzo/);
  expect(finding?.fixAction).toEqual({ action: 'iam.register-redirect-uri', uri });
  expect(groupAlive(bridgePid(report))).toBe(false);
}, 90_000);
