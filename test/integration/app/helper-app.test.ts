import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHelperApp } from '../../../main/app/helper-app.js';
import type { ApiImplementation } from '../../../main/contract/api-contract.js';
import type { ProgressEvent } from '../../../main/contract/progress.js';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { runFinished, tempAppContext } from '../../helpers/app-context.js';

let iam: EmulatorHandle;
beforeAll(async () => { iam = await startEmulator({ profile: 'casdoor' }); });
afterAll(async () => { await iam.close(); });

function app() {
  const ctx = tempAppContext();
  const events: ProgressEvent[] = [];
  const api: ApiImplementation = createHelperApp(ctx, { door: 'browser' }).forCaller((e) => events.push(e));
  return { ctx, api, events, done: () => rmSync(ctx.dir, { recursive: true, force: true }) };
}

const finished = (api: ApiImplementation, runId: string) => runFinished(api, runId, 30_000);

describe('main/app over the engine', () => {
  it('previewSetup shows the diff, redirect URIs and the file sha256; applySetup writes only those bytes', async () => {
    const { ctx, api, done } = app();
    writeFileSync(ctx.configPath, '{"mcpServers":{"other":{"command":"x"}}}\n');
    const input = { url: iam.mcpUrl, clientId: iam.clientId };
    const preview = await api.previewSetup(input);
    expect(preview.diff).toContain('"iam"');
    expect(preview.redirectUris[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(preview.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(ctx.configPath, 'utf8')).not.toContain('"iam"');
    // The file changes after the preview: the write is refused and nothing changes.
    writeFileSync(ctx.configPath, '{"mcpServers":{"other":{"command":"y"}}}\n');
    await expect(api.applySetup(input, preview.sha256)).rejects.toMatchObject({ code: 'CONFIG_CHANGED_SINCE_PREVIEW' });
    expect(readFileSync(ctx.configPath, 'utf8')).toBe('{"mcpServers":{"other":{"command":"y"}}}\n');
    const again = await api.previewSetup(input);
    const applied = await api.applySetup(input, again.sha256);
    expect(applied).toMatchObject({ changed: true, restartClaudeDesktop: true });
    expect(applied.backup?.id).toBeTruthy();
    const entries = await api.readEntries();
    expect(entries.entries.map((e) => [e.name, e.kind])).toEqual([['other', 'other'], ['iam', 'ours']]);
    // Backups: list, diff, restore, prune.
    const backups = await api.listBackups();
    expect(backups).toHaveLength(1);
    expect((await api.diffBackup(backups[0]!.id)).identical).toBe(false);
    expect(await api.restoreBackup(backups[0]!.id)).toMatchObject({ changed: true });
    expect(readFileSync(ctx.configPath, 'utf8')).toBe('{"mcpServers":{"other":{"command":"y"}}}\n');
    expect((await api.pruneBackups(0)).removed).toHaveLength(2);
    done();
  });

  it('previewSetup of a missing file has an empty sha256, and applySetup creates the file', async () => {
    const { ctx, api, done } = app();
    const input = { url: iam.mcpUrl, clientId: iam.clientId };
    const preview = await api.previewSetup(input);
    expect(preview).toMatchObject({ created: true, sha256: '' });
    expect(await api.applySetup(input, '')).toMatchObject({ created: true, backup: null });
    expect(JSON.parse(readFileSync(ctx.configPath, 'utf8')).mcpServers.iam.command).toBeTruthy();
    done();
  });

  it('readEntries describes a broken file in words instead of failing', async () => {
    const { ctx, api, done } = app();
    writeFileSync(ctx.configPath, '{"mcpServers": {,}}');
    const r = await api.readEntries();
    expect(r.problem?.code).toBe('CONFIG_INVALID_JSON');
    done();
  });

  it('probeInstance finds the MCP endpoint, its issuer and generation; says so for a dead port', async () => {
    const { api, done } = app();
    const found = await api.probeInstance(iam.mcpUrl);
    expect(found).toMatchObject({ reachable: true, verdict: 'mcp-endpoint', issuer: iam.issuer, generation: expect.stringContaining('Casdoor') });
    const dead = await api.probeInstance('http://127.0.0.1:9/api/mcp');
    expect(dead).toMatchObject({ reachable: false, verdict: 'unreachable' });
    expect((await api.probeInstance('ftp://x')).verdict).toBe('invalid-url');
    done();
  });

  it('a doctor run streams every check (numbered in order), then exports a redacted report; a fix is previewed then applied with a backup', async () => {
    const { ctx, api, events, done } = app();
    // The guide's broken entry: env vars mcp-remote ignores (a config.rewrite-entry finding).
    const planted = 'Bearer-planted-4f9a1c2e7b3d5f6a8c9e0d1b2a3c4d5e';
    const entry = { command: 'npx', args: ['-y', 'mcp-remote', iam.mcpUrl, '--header', `Authorization: Bearer ${planted}`], env: { IAM_CLIENT_ID: iam.clientId, IAM_SCOPES: 'openid' } };
    writeFileSync(ctx.configPath, JSON.stringify({ mcpServers: { iam: entry } }, null, 2));
    const { runId } = await api.startDoctor({ clientId: iam.clientId, offline: true });
    const info = await finished(api, runId);
    const mine = events.filter((e) => e.runId === runId);
    expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
    const ended = mine.filter((e) => e.type === 'step' && e.phase === 'end').map((e) => (e as { id: string }).id);
    // Checks run concurrently: every check of the report streamed its end, each once.
    expect([...ended].sort()).toEqual(info.steps.map((s) => s.id).sort());
    expect(mine.at(-1)).toMatchObject({ type: 'done', cancelled: false });
    const md = await api.exportReport(runId, 'md');
    expect(md.text).toContain('doctor report');
    // The environment a support person needs: OS, Claude Desktop, Node on Claude's PATH, the bridge, the entry masked.
    expect(md.text).toMatch(/## Environment\n\n- OS: Linux .*\n- Claude Desktop: (not running|running.*)\n- Node on Claude's PATH: .+\n- Bridge: mcp-remote@latest/);
    expect(md.text).toContain('The entry (secrets masked):');
    const json = JSON.parse((await api.exportReport(runId, 'json')).text) as { checks: unknown[]; environment: { bridge: string; entry: { args: string[] } } };
    expect(json.checks).toHaveLength(info.steps.length);
    expect(json.environment.bridge).toMatch(/^mcp-remote@latest/);
    expect(json.environment.entry.args).toContain(iam.mcpUrl);
    for (const text of [md.text, JSON.stringify(json)]) expect(text).not.toContain(planted.slice(8, 24));
    const finding = info.steps.find((s) => s.fixAction?.action === 'config.rewrite-entry');
    expect(finding, JSON.stringify(info.steps.map((s) => [s.id, s.status, s.fixAction]))).toBeTruthy();
    const before = readFileSync(ctx.configPath, 'utf8');
    const preview = await api.previewFix(runId, finding!.id);
    expect(preview.diff).toContain('static-oauth-client-info');
    expect(readFileSync(ctx.configPath, 'utf8')).toBe(before);
    const applied = await api.applyFix(runId, finding!.id, preview.sha256);
    expect(applied).toMatchObject({ changed: true });
    expect(applied.backupId).toBeTruthy();
    expect(readFileSync(ctx.configPath, 'utf8')).toContain('static-oauth-client-info');
    // A second apply with the old preview's sha is refused (the file changed since).
    await expect(api.applyFix(runId, finding!.id, preview.sha256)).rejects.toMatchObject({ code: 'CONFIG_CHANGED_SINCE_PREVIEW' });
    done();
  });

  it('openPath shows the config folder, the backups and Claude logs through the injected opener', async () => {
    const { ctx, api, done } = app();
    expect((await api.openPath('config-folder')).path).toBe(ctx.dir);
    expect((await api.openPath('backups')).path).toBe(ctx.backups.dir);
    expect((await api.openPath('claude-logs')).path).toContain('Claude');
    expect(ctx.opened).toHaveLength(3);
    done();
  });

  it('saveSettings keeps recent instances de-duplicated and the last page', async () => {
    const { api, done } = app();
    const one = { url: iam.mcpUrl, clientId: iam.clientId, scopes: '' };
    const s = await api.saveSettings({ recentInstances: [one, one], lastPage: 'backups' });
    expect(s).toMatchObject({ recentInstances: [one], lastPage: 'backups', rememberSignInAvailable: false });
    expect(s.rememberSignInNote).toMatch(/memory/);
    done();
  });
});
