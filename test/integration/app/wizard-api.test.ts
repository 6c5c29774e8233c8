/**
 * The API methods the setup wizard adds over the engine: choosing the config file to work on,
 * whether Claude Desktop is running, and asking the real emulator whether it accepts the entry's
 * redirect URI (no sign-in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHelperApp } from '../../../main/app/helper-app.js';
import type { AppContext } from '../../../main/app/app-context.js';
import type { ApiImplementation } from '../../../main/contract/api-contract.js';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { tempAppContext } from '../../helpers/app-context.js';

function app(overrides: Partial<AppContext> = {}) {
  const ctx = tempAppContext(overrides);
  const api: ApiImplementation = createHelperApp(ctx, { door: 'browser' }).forCaller(() => undefined);
  return { ctx, api, done: () => rmSync(ctx.dir, { recursive: true, force: true }) };
}

describe('chooseConfigFile', () => {
  it('refuses what it must not write to, each with a sentence', async () => {
    const { ctx, api, done } = app();
    await expect(api.chooseConfigFile('claude.json')).rejects.toMatchObject({ code: 'CONFIG_PATH_NOT_ABSOLUTE' });
    await expect(api.chooseConfigFile(path.join(ctx.dir, '.bashrc'))).rejects.toMatchObject({ code: 'CONFIG_PATH_NOT_JSON' });
    await expect(api.chooseConfigFile(path.join(ctx.dir, 'nope', 'c.json'))).rejects.toMatchObject({ code: 'CONFIG_FOLDER_MISSING', message: expect.stringMatching(/does not exist/) });
    mkdirSync(path.join(ctx.dir, 'dir.json'));
    await expect(api.chooseConfigFile(path.join(ctx.dir, 'dir.json'))).rejects.toMatchObject({ code: 'CONFIG_PATH_IS_FOLDER' });
    expect((await api.locateConfig()).chosen).toBe(ctx.configPath);
    done();
  });

  it('every method then works on the chosen file, until it is reset to the launch file', async () => {
    const { ctx, api, done } = app();
    writeFileSync(ctx.configPath, '{"mcpServers":{"launch":{"command":"x"}}}\n');
    const other = path.join(ctx.dir, 'other', 'claude_desktop_config.json');
    mkdirSync(path.dirname(other));
    writeFileSync(other, '{\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["files-server"]}\n  }\n}\n');
    const loc = await api.chooseConfigFile(other);
    expect(loc).toMatchObject({ chosen: other, chosenBy: 'app', exists: true });
    expect(loc.reason).toMatch(/^chosen in the app/);
    expect((await api.readEntries()).entries.map((e) => e.name)).toEqual(['files']);
    const input = { url: 'http://127.0.0.1:9/api/mcp', clientId: 'abc' };
    const preview = await api.previewSetup(input);
    expect(preview.configPath).toBe(other);
    const applied = await api.applySetup(input, preview.sha256);
    expect(applied.backup?.sourcePath).toBe(other);
    expect(JSON.parse(readFileSync(other, 'utf8')).mcpServers).toHaveProperty('iam');
    expect(readFileSync(ctx.configPath, 'utf8')).not.toContain('"iam"');
    // Backups of the chosen file restore to it.
    expect(await api.restoreBackup(applied.backup!.id)).toMatchObject({ targetPath: other, changed: true });
    expect(readFileSync(other, 'utf8')).not.toContain('"iam"');
    const back = await api.chooseConfigFile('');
    expect(back).toMatchObject({ chosen: ctx.configPath, chosenBy: 'launch' });
    // The launch's file first, then where Claude Desktop itself reads.
    expect(back.candidates.map((c) => c.kind)).toEqual(['user', 'standard']);
    expect(back.reason).toMatch(/^the file the app was started with \(--config\); Claude Desktop itself reads .*claude_desktop_config\.json$/);
    expect((await api.readEntries()).entries.map((e) => e.name)).toEqual(['launch']);
    done();
  });
});

describe('a new file in place of an unreadable one', () => {
  it('the preview names the servers it drops; the apply writes, with the broken bytes backed up', async () => {
    const { ctx, api, done } = app();
    const broken = '{\n  "mcpServers": {\n    "files": { "command": "npx", }\n  }\n';
    writeFileSync(ctx.configPath, broken);
    const input = { url: 'http://127.0.0.1:9/api/mcp', clientId: 'abc', replaceInvalid: true };
    const preview = await api.previewSetup(input);
    expect(preview.droppedServers).toEqual(['files']);
    const applied = await api.applySetup(input, preview.sha256);
    expect(applied.changed).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(ctx.configPath, 'utf8')).mcpServers)).toEqual(['iam']);
    const [backup] = await api.listBackups();
    expect((await api.diffBackup(backup!.id)).diff).toContain('"files"');
    done();
  });
});

describe('a repair that keeps every server', () => {
  it('an unreadable file with a trailing comma is offered a repair, and the write keeps its servers', async () => {
    const { ctx, api, done } = app();
    const broken = '{\n  "mcpServers": {\n    "files": { "command": "npx", },\n  }\n}\n';
    writeFileSync(ctx.configPath, broken);
    const entries = await api.readEntries();
    expect(entries.problem).toMatchObject({ code: 'CONFIG_INVALID_JSON', repairs: ['a trailing comma at line 3, column 32', 'a trailing comma at line 3, column 35'] });
    const input = { url: 'http://127.0.0.1:9/api/mcp', clientId: 'abc', repairInvalid: true };
    const preview = await api.previewSetup(input);
    expect(preview.repairs).toHaveLength(2);
    expect(preview.droppedServers).toBeUndefined();
    expect(readFileSync(ctx.configPath, 'utf8')).toBe(broken);
    await api.applySetup(input, preview.sha256);
    expect(Object.keys(JSON.parse(readFileSync(ctx.configPath, 'utf8')).mcpServers)).toEqual(['files', 'iam']);
    const [backup] = await api.listBackups();
    expect(backup!.reason).toMatch(/^before repairing \(removing a trailing comma at line 3, column 32; a trailing comma at line 3, column 35\)/);
    expect((await api.readEntries()).problem).toBeUndefined();
    done();
  });
});

describe('claudeStatus', () => {
  it('says whether Claude runs and whether it started before the config changed', async () => {
    const mtime = Date.parse('2026-11-30T02:00:00Z');
    const procs: { name: string; startedAtMs?: number }[] = [];
    let listing: 'ok' | 'broken' = 'ok';
    const { ctx, api, done } = app({ listProcesses: async () => { if (listing === 'broken') throw new Error('ps: not found'); return procs; } });
    writeFileSync(ctx.configPath, '{}\n');
    utimesSync(ctx.configPath, mtime / 1000, mtime / 1000);
    expect(await api.claudeStatus()).toMatchObject({ platform: 'linux', running: false, restartNeeded: false, configModified: '2026-11-30T02:00:00.000Z' });
    procs.push({ name: 'bash' }, { name: 'claude', startedAtMs: mtime - 60_000 });
    expect(await api.claudeStatus()).toMatchObject({ running: true, restartNeeded: true, startedAt: '2026-11-30T01:59:00.000Z' });
    procs[1] = { name: 'claude', startedAtMs: mtime + 60_000 };
    expect(await api.claudeStatus()).toMatchObject({ running: true, restartNeeded: false });
    listing = 'broken';
    expect(await api.claudeStatus()).toMatchObject({ running: null, restartNeeded: false });
    done();
  });
});

describe('checkRedirectUris against the emulator', () => {
  let iam: EmulatorHandle;
  beforeAll(async () => { iam = await startEmulator({ profile: 'hanzo-v1' }); });
  afterAll(async () => { await iam.close(); });

  it('the registered loopback URI is accepted; under exact matching it is refused; an unknown client is named', async () => {
    const { api, done } = app();
    const ok = await api.checkRedirectUris({ url: iam.mcpUrl, clientId: iam.clientId });
    expect(ok.method).toBe('GET authorization_endpoint');
    expect(ok.results).toEqual([{ uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/), verdict: 'accepted' }]);
    iam.setFaults({ redirectList: ['http://127.0.0.1:1/elsewhere'] });
    const refused = await api.checkRedirectUris({ url: iam.mcpUrl, clientId: iam.clientId });
    expect(refused.results[0]).toMatchObject({ verdict: 'refused', said: expect.stringMatching(/redirect_uri/) });
    iam.setFaults({});
    const unknown = await api.checkRedirectUris({ url: iam.mcpUrl, clientId: 'no-such-client' });
    expect(unknown.results[0]!.verdict).toBe('client-unknown');
    await expect(api.checkRedirectUris({ url: 'http://127.0.0.1:9/api/mcp', clientId: 'x' })).rejects.toMatchObject({ code: 'REDIRECT_CHECK_NO_SERVER', message: expect.stringMatching(/Nothing answered/) });
    done();
  });

  it('asks Casdoor-shaped servers through their API', async () => {
    const casdoor = await startEmulator({ profile: 'casdoor', faults: { redirectStrict: true } });
    try {
      const { api, done } = app();
      const r = await api.checkRedirectUris({ url: casdoor.mcpUrl, clientId: casdoor.clientId });
      expect(r.method).toBe('GET /api/get-app-login');
      expect(r.results[0]).toMatchObject({ verdict: 'refused', said: expect.stringMatching(/doesn't exist in the allowed Redirect URI list/) });
      done();
    } finally { await casdoor.close(); }
  });
});
