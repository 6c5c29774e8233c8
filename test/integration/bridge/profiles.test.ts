/**
 * The entry `setup` writes, for each emulator profile, connects through the real
 * mcp-remote (run as Claude Desktop runs it) and lists the seeded applications; the login runs in
 * real Chromium through the opener hook; nothing is left running.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyViaBridge } from '../../../main/cli/commands/verify-via-bridge.js';
import type { BridgeReport } from '../../../main/core/mcp/bridge-run.js';
import type { EmulatorHandle, ProfileName } from '../../iam/index.js';
import { LOGIN_COMMAND, bridgePid, groupAlive, processesMentioning, sandbox, setupEntry, startProfile, step, testIo, type Sandbox } from './helpers.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
afterEach(async () => {
  await em?.close();
  await sb?.cleanup();
  em = undefined;
  sb = undefined;
});

describe.each<ProfileName>(['casdoor', 'hanzo-v1', 'spec'])('verify --via-bridge against %s', (profile) => {
  it('connects through the real mcp-remote and lists the seeded applications', async () => {
    em = await startProfile(profile);
    sb = await sandbox();
    await setupEntry(sb, em);
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const code = await runVerifyViaBridge({ 'via-bridge': true, config: sb.config, name: 'iam', 'browser-command': LOGIN_COMMAND, json: true, timeout: '90000' },
      testIo(sb.home, out, undefined, err));
    const report = JSON.parse(out.join('')) as BridgeReport;
    const failing = report.steps.filter((s) => s.status === 'fail');
    expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
    expect(code).toBe(0);
    expect(report.version).toBe(1);
    // Progress goes to stderr under --json, one line per step (as `verify`).
    expect(err.join('')).toContain('✔ mcp.tools-list');
    for (const id of ['config.command-resolvable', 'bridge.spawn', 'mcp.initialize', 'mcp.tools-list', 'mcp.tool-call', 'bridge.login', 'bridge.cleanup']) {
      expect(step(report, id)?.status, id).toBe('pass');
    }
    expect(report.tools).toContain('get_applications');
    expect(step(report, 'mcp.tool-call')?.evidence.applications).toEqual(expect.arrayContaining(['admin/claude-desktop-mcp', 'admin/app-built-in']));
    const login = step(report, 'bridge.login')?.evidence as { redirectUri: string; browserCommand: { exitCode: number } };
    expect(login.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(login.browserCommand.exitCode).toBe(0);
    const pid = bridgePid(report);
    expect(groupAlive(pid)).toBe(false);
    expect(processesMentioning(em.mcpUrl)).toEqual([]);
    process.stderr.write(`[bridge] ${profile}: verification took ${Date.now() - started} ms (report ${report.durationMs} ms)\n`);
  }, 120_000);
});
