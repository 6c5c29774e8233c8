/**
 * Nothing the user has is lost or overridden: the config engine against a real temp folder
 * (BOM repair, write protection, missing folders, dangling links, stale temp files, backups
 * recorded only for writes that happened, orphan backups, preview/apply linked by sha256).
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelperError } from '../../../main/core/errors.js';
import { nodeFs, type FsPort } from '../../../main/core/config/fs-port.js';
import { atomicWrite } from '../../../main/core/config/atomic-write.js';
import { diffBackup, listBackups, readBackup, restoreBackup, stageBackup, type BackupStore } from '../../../main/core/config/backups.js';
import { listOrphanBackups, pruneOrphanBackups } from '../../../main/core/config/backup-orphans.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { writeServerEntry, type WriteEntryInput } from '../../../main/core/config/write-entry.js';
import { applySetup, previewSetup } from '../../../main/core/config/setup-flow.js';

let dir: string;
let cfg: string;
let store: BackupStore;
const ORIGINAL = '{\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]}\n  }\n}\n';
const { entry } = buildIamEntry({ mcpUrl: 'https://iam.example.com/api/mcp', clientId: 'abc', platform: 'linux', callbackPort: 23000 });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'data-safety-'));
  cfg = path.join(dir, 'Claude', 'claude_desktop_config.json');
  store = { fs: nodeFs, platform: 'linux', dir: path.join(dir, 'app', 'backups') };
});
afterEach(() => {
  if (existsSync(cfg)) chmodSync(cfg, 0o644);
  rmSync(dir, { recursive: true, force: true });
});

const input = (over: Partial<WriteEntryInput> = {}): WriteEntryInput => ({ fs: nodeFs, platform: 'linux', configPath: cfg, name: 'iam', entry, backups: store, ...over });
const seed = (bytes: string | Buffer) => { mkdirSync(path.dirname(cfg), { recursive: true }); writeFileSync(cfg, bytes); };

async function failure(p: Promise<unknown>): Promise<HelperError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HelperError) return error;
    throw error;
  }
  throw new Error('expected a HelperError');
}

describe('a config starting with a UTF-8 byte order mark', () => {
  it('is repaired: the BOM removed after a backup of the exact bytes, every other server kept', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORIGINAL)]);
    seed(bytes);
    const r = await writeServerEntry(input());
    expect(r).toMatchObject({ changed: true, bomRemoved: true, replacedInvalidFile: false, droppedServers: [] });
    const after = readFileSync(cfg);
    expect(after[0]).toBe(0x7b);
    const parsed = JSON.parse(after.toString('utf8'));
    expect(parsed.mcpServers.files).toEqual(JSON.parse(ORIGINAL).mcpServers.files);
    expect(parsed.mcpServers.iam).toEqual(entry);
    expect((await readBackup(store, r.backup!.id)).bytes.equals(bytes)).toBe(true);
  });

  it('with the entry already there, only the BOM goes (still a change, still backed up)', async () => {
    seed(`{"mcpServers":{"iam":${JSON.stringify(entry)}}}`);
    await writeServerEntry(input());
    const clean = readFileSync(cfg);
    seed(Buffer.concat([Buffer.from('\uFEFF'), clean]));
    const r = await writeServerEntry(input());
    expect(r).toMatchObject({ changed: true, bomRemoved: true });
    expect(readFileSync(cfg).equals(clean)).toBe(true);
  });
});

describe('--replace-invalid names the servers it drops before it writes', () => {
  const BROKEN = '{\n  "mcpServers": {\n    "gh": {"command": "npx", "args": ["gh-mcp"]},\n    "db": {"command": "db-mcp"},\n  },\n  oops\n}\n';

  it('the refusal names them; replacing without confirming them is refused; the preview lists them; confirmed, it writes', async () => {
    seed(BROKEN);
    const refused = await failure(writeServerEntry(input()));
    expect(refused.code).toBe('CONFIG_INVALID_JSON');
    expect(refused.message).toMatch(/"gh", "db"/);
    const unconfirmed = await failure(writeServerEntry(input({ replaceInvalid: true, confirmDrop: ['gh'] })));
    expect(unconfirmed.code).toBe('CONFIG_REPLACE_DROPS_SERVERS');
    expect(unconfirmed.message).toContain('"db"');
    expect(readFileSync(cfg, 'utf8')).toBe(BROKEN);
    expect(await listBackups(store)).toEqual([]);
    const preview = await writeServerEntry(input({ replaceInvalid: true, dryRun: true }));
    expect(preview.droppedServers).toEqual(['gh', 'db']);
    const r = await writeServerEntry(input({ replaceInvalid: true, confirmDrop: ['gh', 'db'] }));
    expect(r.replacedInvalidFile).toBe(true);
    expect((await readBackup(store, r.backup!.id)).bytes.toString('utf8')).toBe(BROKEN);
  });
});

describe('write protection, missing folders and links', () => {
  it('a read-only config (0444) is refused, naming its mode and the way on; nothing written, no backup', async () => {
    seed(ORIGINAL);
    chmodSync(cfg, 0o444);
    const e = await failure(writeServerEntry(input()));
    expect(e.code).toBe('READ_ONLY_FILE');
    expect(e.message).toContain('0444');
    expect(e.message).toContain('chmod u+w');
    expect(e.message).toContain('--config');
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    expect(statSync(cfg).mode & 0o777).toBe(0o444);
    expect(existsSync(store.dir)).toBe(false);
    expect((await failure(writeServerEntry(input({ dryRun: true })))).code).toBe('READ_ONLY_FILE');
  });

  it('restore onto a read-only file is refused too', async () => {
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    chmodSync(cfg, 0o444);
    expect((await failure(restoreBackup(store, backup!.id))).code).toBe('READ_ONLY_FILE');
  });

  it('a config path in a folder that does not exist is refused and nothing is created, unless the caller allows it', async () => {
    const typo = path.join(dir, 'typo', 'dir', 'claude.json');
    const e = await failure(writeServerEntry(input({ configPath: typo })));
    expect(e.code).toBe('FOLDER_MISSING');
    expect(e.message).toContain(path.join(dir, 'typo', 'dir'));
    expect(e.message).toContain('does not exist');
    expect(existsSync(path.join(dir, 'typo'))).toBe(false);
    expect((await writeServerEntry(input({ configPath: typo, createFolder: true }))).created).toBe(true);
  });

  it('restore: the source folder is recreated, a mistyped --config target folder is not', async () => {
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    expect((await failure(restoreBackup(store, backup!.id, path.join(dir, 'nope', 'c.json')))).code).toBe('FOLDER_MISSING');
    expect(existsSync(path.join(dir, 'nope'))).toBe(false);
    rmSync(path.dirname(cfg), { recursive: true });
    await restoreBackup(store, backup!.id);
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
  });

  it('a dangling symbolic link is refused, not replaced by a plain file', async () => {
    mkdirSync(path.dirname(cfg), { recursive: true });
    const target = path.join(dir, 'unmounted', 'claude.json');
    symlinkSync(target, cfg);
    const e = await failure(writeServerEntry(input()));
    expect(e.code).toBe('CONFIG_DANGLING_LINK');
    expect(e.message).toContain(target);
    expect(lstatSync(cfg).isSymbolicLink()).toBe(true);
    expect(existsSync(target)).toBe(false);
  });
});

describe('atomic write', () => {
  it('fsyncs the folder after the rename', async () => {
    seed(ORIGINAL);
    const calls: string[] = [];
    const fs: FsPort = {
      ...nodeFs,
      rename: async (a, b) => { calls.push(`rename ${path.basename(b)}`); await nodeFs.rename(a, b); },
      syncDir: async (d) => { calls.push(`syncDir ${d}`); await nodeFs.syncDir!(d); },
    };
    await atomicWrite(fs, cfg, '{}\n', { platform: 'linux' });
    expect(calls).toEqual(['rename claude_desktop_config.json', `syncDir ${path.dirname(cfg)}`]);
  });

  it('sweeps its own stale temp files (left by a crash), not fresh ones or anyone else\'s', async () => {
    seed(ORIGINAL);
    const folder = path.dirname(cfg);
    const stale = path.join(folder, '.claude_desktop_config.json.0123456789ab.tmp');
    const fresh = path.join(folder, '.claude_desktop_config.json.ba9876543210.tmp');
    const foreign = path.join(folder, '.claude_desktop_config.json.swp.tmp');
    for (const f of [stale, fresh, foreign]) writeFileSync(f, 'partial');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(foreign, hourAgo, hourAgo);
    await writeServerEntry(input());
    expect(readdirSync(folder).sort()).toEqual(['.claude_desktop_config.json.ba9876543210.tmp', '.claude_desktop_config.json.swp.tmp', 'claude_desktop_config.json']);
  });
});

describe('backups', () => {
  it('an orphan (bytes staged, never recorded) is listed apart and pruned once older than the grace period', async () => {
    seed(ORIGINAL);
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clocked = { ...store, now: () => new Date(now) };
    await stageBackup(clocked, cfg, Buffer.from(ORIGINAL), 'before writing mcpServers.iam');
    expect(await listBackups(store)).toEqual([]);
    const [orphan] = await listOrphanBackups(store);
    expect(orphan).toMatchObject({ createdAt: '2026-01-01T00:00:00.000Z', size: ORIGINAL.length });
    expect(readFileSync(orphan!.path, 'utf8')).toBe(ORIGINAL);
    now += 60_000;
    expect(await pruneOrphanBackups(clocked)).toEqual([]);
    now += 3_600_000;
    expect((await pruneOrphanBackups(clocked)).map((o) => o.id)).toEqual([orphan!.id]);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('diffBackup compares a backup with its source file now, or another file', async () => {
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    const d = await diffBackup(store, backup!.id);
    expect(d).toMatchObject({ id: backup!.id, target: cfg, identical: false });
    expect(d.diff).toContain('+    "iam": {');
    const copy = path.join(dir, 'copy.json');
    writeFileSync(copy, ORIGINAL);
    expect(await diffBackup(store, backup!.id, copy)).toMatchObject({ target: copy, identical: true, diff: '' });
  });
});

describe('preview and apply are linked by the sha256 of the bytes the preview diffed', () => {
  it('apply refuses (CONFIG_CHANGED_ON_DISK, with the new diff) when the file changed since the preview', async () => {
    seed(ORIGINAL);
    const preview = await previewSetup(input());
    expect(preview.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    const theirs = ORIGINAL.replace('"files"', '"theirs"');
    writeFileSync(cfg, theirs);
    const e = await failure(applySetup(input(), preview.sha256));
    expect(e.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(String(e.detail?.diff)).toContain('"theirs"');
    expect(e.detail?.sha256).not.toBe(preview.sha256);
    expect(readFileSync(cfg, 'utf8')).toBe(theirs);
    expect(await listBackups(store)).toEqual([]);
    const again = await previewSetup(input());
    expect((await applySetup(input(), again.sha256)).changed).toBe(true);
    expect(JSON.parse(readFileSync(cfg, 'utf8')).mcpServers.theirs).toBeDefined();
  });

  it('a file that did not exist at preview time must still not exist', async () => {
    const preview = await previewSetup(input({ createFolder: true }));
    expect(preview.sha256).toBeNull();
    seed(ORIGINAL);
    expect((await failure(applySetup(input({ createFolder: true }), preview.sha256))).code).toBe('CONFIG_CHANGED_ON_DISK');
  });
});
