import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelperError } from '../../../main/core/errors.js';
import { nodeFs, type FsPort } from '../../../main/core/config/fs-port.js';
import { listBackups, pruneBackups, restoreBackup, type BackupStore } from '../../../main/core/config/backups.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { writeServerEntry, type WriteEntryInput } from '../../../main/core/config/write-entry.js';

let dir: string;
let cfg: string;
let store: BackupStore;
const ORIGINAL = '{\n  "theme": "dark",\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["x"]}\n  }\n}\n';
const { entry } = buildIamEntry({ mcpUrl: 'https://iam.example.com/api/mcp', clientId: 'abc', platform: 'linux', callbackPort: 23000 });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-write-'));
  cfg = path.join(dir, 'Claude', 'claude_desktop_config.json');
  store = { fs: nodeFs, platform: 'linux', dir: path.join(dir, 'app', 'backups') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const input = (over: Partial<WriteEntryInput> = {}): WriteEntryInput => ({ fs: nodeFs, platform: 'linux', configPath: cfg, name: 'iam', entry, backups: store, ...over });
const seed = (text: string) => { mkdirSync(path.dirname(cfg), { recursive: true }); writeFileSync(cfg, text); };
const leftovers = () => readdirSync(path.dirname(cfg)).filter((f) => f.endsWith('.tmp'));

async function failure(p: Promise<unknown>): Promise<HelperError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HelperError) return error;
    throw error;
  }
  throw new Error('expected a HelperError');
}

/** nodeFs with one method replaced (fault injection). */
function faulty(over: Partial<FsPort>): FsPort {
  return { ...nodeFs, ...over };
}
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('writeServerEntry', () => {
  it('creates the folder (when allowed: Claude\'s standard location) and file when missing, and takes no backup', async () => {
    const r = await writeServerEntry(input({ createFolder: true }));
    expect(r).toMatchObject({ changed: true, created: true, backup: null });
    expect(JSON.parse(readFileSync(cfg, 'utf8'))).toEqual({ mcpServers: { iam: entry } });
  });

  it('backs up before writing, keeps the file mode, and a second write is a no-op', async () => {
    seed(ORIGINAL);
    chmodSync(cfg, 0o640);
    const r = await writeServerEntry(input());
    expect(r.backup?.sourcePath).toBe(cfg);
    expect(r.diff).toContain('+    "iam": {');
    expect(statSync(cfg).mode & 0o777).toBe(0o640);
    const after = readFileSync(cfg, 'utf8');
    expect(after.startsWith('{\n  "theme": "dark",\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["x"]},\n')).toBe(true);
    const again = await writeServerEntry(input());
    expect(again).toMatchObject({ changed: false, backup: null });
    expect(readFileSync(cfg, 'utf8')).toBe(after);
    expect(await listBackups(store)).toHaveLength(1);
  });

  it('writes side files (Windows @file arguments) before the config, once', async () => {
    const side = { path: path.join(dir, 'bridge', 'h-1-client-info.json'), content: '{"client_id":"abc"}\n' };
    const r = await writeServerEntry(input({ sideFiles: [side], createFolder: true }));
    expect(r.sideFilesWritten).toEqual([side.path]);
    expect(readFileSync(side.path, 'utf8')).toBe(side.content);
    expect((await writeServerEntry(input({ sideFiles: [side], createFolder: true }))).sideFilesWritten).toEqual([]);
  });

  it('dry run writes nothing', async () => {
    seed(ORIGINAL);
    const r = await writeServerEntry(input({ dryRun: true }));
    expect(r.diff).toContain('"iam"');
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    expect(await listBackups(store)).toEqual([]);
  });

  it('refuses invalid JSON (line:col), wrong root and wrong mcpServers, changing nothing', async () => {
    for (const [text, code] of [['{"mcpServers": {,}\n', 'CONFIG_INVALID_JSON'], ['[1]', 'CONFIG_ROOT_NOT_OBJECT'], ['{"mcpServers": "x"}', 'CONFIG_SERVERS_NOT_OBJECT']] as const) {
      seed(text);
      const e = await failure(writeServerEntry(input()));
      expect(e.code).toBe(code);
      expect(e.message).toContain('--replace-invalid');
      expect(readFileSync(cfg, 'utf8')).toBe(text);
    }
    seed('{\n  "a": 1, // c\n}');
    expect((await failure(writeServerEntry(input()))).detail).toMatchObject({ line: 2, column: 11 });
    expect(await listBackups(store)).toEqual([]);
  });

  it('refuses a duplicate mcpServers or entry key (JSON.parse keeps the last; the edit would be lost), even with --replace-invalid', async () => {
    const cases = [
      ['{\n  "mcpServers": {"a": {"command": "x"}},\n  "mcpServers": {"b": {"command": "y"}}\n}\n', 'mcpServers', 3],
      ['{\n  "mcpServers": {\n    "iam": {"command": "old1"},\n    "iam": {"command": "old2"}\n  }\n}\n', 'mcpServers.iam', 4],
    ] as const;
    for (const [text, key, line] of cases) {
      seed(text);
      for (const replaceInvalid of [false, true]) {
        const e = await failure(writeServerEntry(input({ replaceInvalid })));
        expect(e.code).toBe('CONFIG_DUPLICATE_KEY');
        expect(e.detail).toMatchObject({ key, line, column: key === 'mcpServers' ? 3 : 5 });
        expect(readFileSync(cfg, 'utf8')).toBe(text);
      }
    }
    seed('{\n  "other": 1,\n  "other": 2,\n  "mcpServers": {"a": {}, "a": {}}\n}\n');
    expect((await writeServerEntry(input())).changed).toBe(true);
  });

  it('writes through a symbolic link (dotfile managers) and restores through it, keeping the link', async () => {
    const real = path.join(dir, 'dotfiles', 'claude.json');
    mkdirSync(path.dirname(real), { recursive: true });
    writeFileSync(real, ORIGINAL);
    mkdirSync(path.dirname(cfg), { recursive: true });
    symlinkSync(real, cfg);
    const r = await writeServerEntry(input());
    expect(lstatSync(cfg).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).mcpServers.iam).toEqual(entry);
    expect(readdirSync(path.dirname(real)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await restoreBackup(store, r.backup!.id);
    expect(lstatSync(cfg).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(ORIGINAL);
  });

  it('--replace-invalid backs up the broken file first', async () => {
    seed('{"mcpServers": {,}\n');
    const r = await writeServerEntry(input({ replaceInvalid: true }));
    expect(r.replacedInvalidFile).toBe(true);
    expect(JSON.parse(readFileSync(cfg, 'utf8')).mcpServers.iam).toEqual(entry);
    await restoreBackup(store, r.backup!.id);
    expect(readFileSync(cfg, 'utf8')).toBe('{"mcpServers": {,}\n');
  });

  it('refuses a folder where the file should be', async () => {
    mkdirSync(cfg, { recursive: true });
    expect((await failure(writeServerEntry(input()))).code).toBe('CONFIG_IS_DIRECTORY');
  });

  it('disk full during the write: clear error, original intact', async () => {
    seed(ORIGINAL);
    const fs = faulty({
      async writeDurable(p, data, mode) {
        await nodeFs.writeDurable(p, String(data).slice(0, 10), mode);
        throw errno('ENOSPC');
      },
    });
    const e = await failure(writeServerEntry(input({ fs })));
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toMatch(/disk is full/);
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    expect(leftovers()).toEqual([]);
  });

  it('read-only file system or folder: clear error, original intact, no backup recorded for the write that failed', async () => {
    seed(ORIGINAL);
    for (const [code, expected] of [['EROFS', 'READ_ONLY'], ['EACCES', 'PERMISSION_DENIED']] as const) {
      const fs = faulty({ writeDurable: async () => { throw errno(code); } });
      const e = await failure(writeServerEntry(input({ fs, backups: { ...store, fs: nodeFs } })));
      expect(e.code).toBe(expected);
      expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    }
    expect(await listBackups(store)).toEqual([]);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('unreadable file: clear error', async () => {
    seed(ORIGINAL);
    const fs = faulty({ readFile: async () => { throw errno('EACCES'); } });
    expect((await failure(writeServerEntry(input({ fs })))).code).toBe('PERMISSION_DENIED');
  });

  it('refuses when the file changes on disk between read and write', async () => {
    seed(ORIGINAL);
    const theirs = '{"mcpServers": {"theirs": {"command": "x"}}}';
    const fs = faulty({
      async writeDurable(p, data, mode) {
        await nodeFs.writeDurable(p, data, mode);
        if (p.endsWith('.tmp') && p.includes('claude_desktop_config')) writeFileSync(cfg, theirs);
      },
    });
    const e = await failure(writeServerEntry(input({ fs })));
    expect(e.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(readFileSync(cfg, 'utf8')).toBe(theirs);
    expect(leftovers()).toEqual([]);
  });
});

describe('backups', () => {
  it('backup -> modify -> restore gives the original bytes back; restore backs up first', async () => {
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    const modified = readFileSync(cfg);
    const r = await restoreBackup(store, backup!.id);
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    expect(r.safetyBackup?.sourcePath).toBe(cfg);
    await restoreBackup(store, r.safetyBackup!.id);
    expect(readFileSync(cfg).equals(modified)).toBe(true);
    const other = path.join(dir, 'elsewhere.json');
    await restoreBackup(store, backup!.id, other);
    expect(readFileSync(other, 'utf8')).toBe(ORIGINAL);
  });

  it('prune keeps the newest N, list is newest first', async () => {
    seed(ORIGINAL);
    let t = Date.parse('2026-01-01T00:00:00Z');
    const clocked = { ...store, now: () => new Date((t += 1000)) };
    for (let i = 0; i < 5; i++) await writeServerEntry(input({ backups: clocked, entry: { command: `c${i}` } }));
    const all = await listBackups(store);
    expect(all).toHaveLength(5);
    expect(all.map((b) => b.createdAt)).toEqual([...all.map((b) => b.createdAt)].sort().reverse());
    const removed = await pruneBackups(store, 2);
    expect(removed.map((b) => b.id)).toEqual(all.slice(2).map((b) => b.id));
    expect((await listBackups(store)).map((b) => b.id)).toEqual(all.slice(0, 2).map((b) => b.id));
    expect(readdirSync(store.dir)).toHaveLength(4); // 2 x (.bak + .json)
  });

  it('unknown or tampered backups are refused', async () => {
    expect((await failure(restoreBackup(store, 'nope'))).code).toBe('BACKUP_NOT_FOUND');
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    writeFileSync(path.join(store.dir, `${backup!.id}.bak`), 'tampered');
    expect((await failure(restoreBackup(store, backup!.id))).code).toBe('BACKUP_CORRUPT');
  });

  it('a damaged metadata file is BACKUP_CORRUPT on restore and left out of the list, never a raw parse error', async () => {
    seed(ORIGINAL);
    const { backup } = await writeServerEntry(input());
    const metaPath = path.join(store.dir, `${backup!.id}.json`);
    for (const damaged of ['garbage\n', JSON.stringify({ id: backup!.id }), JSON.stringify({ ...backup, sourcePath: '' })]) {
      writeFileSync(metaPath, damaged);
      const e = await failure(restoreBackup(store, backup!.id));
      expect(e.code).toBe('BACKUP_CORRUPT');
      expect(e.message).not.toContain('\n');
      expect(await listBackups(store)).toEqual([]);
    }
    expect(readFileSync(cfg, 'utf8')).not.toBe(ORIGINAL);
  });
});

describe('encoding', () => {
  it('refuses invalid UTF-8 instead of silently changing bytes', async () => {
    mkdirSync(path.dirname(cfg), { recursive: true });
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]);
    writeFileSync(cfg, latin1);
    expect((await failure(writeServerEntry(input()))).code).toBe('CONFIG_NOT_UTF8');
    expect(readFileSync(cfg).equals(latin1)).toBe(true);
  });
});
