import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HelperError } from '../errors.js';
import { pathFor } from '../paths/app-data.js';
import { atomicWrite, checkWriteTarget, fsError, readIfExists } from './atomic-write.js';
import { lineDiff } from './diff.js';
import { errnoCode, type FsPort } from './fs-port.js';

/**
 * Backups live in the app data folder (paths/app-data.ts `backupsDir`) as `<id>.bak` (the exact
 * bytes) plus `<id>.json` (this metadata, the record), so the CLI and the desktop app see the same
 * list. A backup taken before a write is staged (`.bak` only) and recorded (`.json`) once the write
 * took place, so no record exists for a write that never happened; a `.bak` left without its
 * record by a crash is an orphan (backup-orphans.ts), listed and pruned on its own.
 */
export interface BackupMeta {
  id: string;
  /** ISO 8601 time the backup was taken. */
  createdAt: string;
  /** The file the bytes came from (where restore puts them back). */
  sourcePath: string;
  size: number;
  sha256: string;
  /** Why it was taken, e.g. `before setup`, `before restore of <id>`, `invalid JSON replaced`. */
  reason: string;
}

const BackupMetaSchema = z.object({
  id: z.string(), createdAt: z.string(), sourcePath: z.string().min(1), size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/), reason: z.string(),
});

/** The metadata file's content, or undefined when it is not a backup record for `id`. */
function parseMeta(bytes: Buffer, id: string): BackupMeta | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = BackupMetaSchema.safeParse(raw);
  return parsed.success && parsed.data.id === id ? parsed.data : undefined;
}

export interface BackupStore {
  fs: FsPort;
  platform: NodeJS.Platform;
  dir: string;
  now?: () => Date;
}

export const DEFAULT_KEEP = 20;
export const BACKUP_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;
const ID = BACKUP_ID;

/** Sortable id: UTC time to the millisecond plus a random suffix. */
function newId(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function backupFiles(store: BackupStore, id: string): { data: string; meta: string } {
  if (!ID.test(id)) throw new HelperError('BACKUP_NOT_FOUND', `no backup "${id}" (ids look like 20260101T120000000Z-a1b2c3; see backups list)`);
  const p = pathFor(store.platform);
  return { data: p.join(store.dir, `${id}.bak`), meta: p.join(store.dir, `${id}.json`) };
}

/** A backup whose bytes are on disk but which has no record yet. */
export interface StagedBackup {
  meta: BackupMeta;
  /** Writes the record: call once the write the backup was taken for took place. */
  commit(): Promise<BackupMeta>;
  /** Removes the bytes: the write did not happen. Best effort (a leftover is an orphan). */
  discard(): Promise<void>;
}

/** Stores the bytes (`<id>.bak`) without a record; see StagedBackup. */
export async function stageBackup(store: BackupStore, sourcePath: string, bytes: Buffer, reason: string): Promise<StagedBackup> {
  const at = (store.now ?? (() => new Date()))();
  const id = newId(at);
  const meta: BackupMeta = {
    id, createdAt: at.toISOString(), sourcePath, size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), reason,
  };
  const f = backupFiles(store, id);
  const options = { platform: store.platform, mode: 0o600, createFolder: true };
  await atomicWrite(store.fs, f.data, bytes, options);
  return {
    meta,
    async commit() {
      await atomicWrite(store.fs, f.meta, `${JSON.stringify(meta, null, 2)}\n`, options);
      return meta;
    },
    discard: () => store.fs.unlink(f.data).catch(() => undefined),
  };
}

/** Stages and records at once (a backup not tied to a write). */
export async function createBackup(store: BackupStore, sourcePath: string, bytes: Buffer, reason: string): Promise<BackupMeta> {
  return (await stageBackup(store, sourcePath, bytes, reason)).commit();
}

/**
 * Runs `write` with `bytes` staged as a backup first; records the backup only when `write`
 * resolved, removes the staged bytes when it threw. A crash in between leaves an orphan.
 */
export async function withBackup<T>(store: BackupStore, sourcePath: string, bytes: Buffer | null, reason: string, write: () => Promise<T>): Promise<{ result: T; backup: BackupMeta | null }> {
  const staged = bytes === null ? null : await stageBackup(store, sourcePath, bytes, reason);
  let result: T;
  try {
    result = await write();
  } catch (error) {
    await staged?.discard();
    throw error;
  }
  return { result, backup: staged ? await staged.commit() : null };
}

/** The names in the backups folder; none when it does not exist yet. */
export async function backupFolderNames(store: BackupStore): Promise<string[]> {
  try {
    return await store.fs.readdir(store.dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw fsError(error, 'read', store.dir);
  }
}

/** Newest first. Unreadable or foreign files in the folder are skipped. */
export async function listBackups(store: BackupStore): Promise<BackupMeta[]> {
  const names = await backupFolderNames(store);
  const out: BackupMeta[] = [];
  for (const name of names) {
    const id = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !ID.test(id)) continue;
    const meta = parseMeta(await store.fs.readFile(pathFor(store.platform).join(store.dir, name)).catch(() => Buffer.alloc(0)), id);
    if (meta) out.push(meta);
  }
  return out.sort((x, y) => (x.createdAt === y.createdAt ? y.id.localeCompare(x.id) : y.createdAt.localeCompare(x.createdAt)));
}

export async function readBackup(store: BackupStore, id: string): Promise<{ meta: BackupMeta; bytes: Buffer }> {
  const f = backupFiles(store, id);
  const metaBytes = await readIfExists(store.fs, f.meta);
  const bytes = await readIfExists(store.fs, f.data);
  if (!metaBytes || !bytes) throw new HelperError('BACKUP_NOT_FOUND', `no backup "${id}" in ${store.dir} (see backups list)`);
  const meta = parseMeta(metaBytes, id);
  if (!meta) throw new HelperError('BACKUP_CORRUPT', `backup ${id}: its metadata file ${f.meta} is unreadable; not using it`);
  if (createHash('sha256').update(bytes).digest('hex') !== meta.sha256) {
    throw new HelperError('BACKUP_CORRUPT', `backup ${id} does not match its recorded checksum; not using it`);
  }
  return { meta, bytes };
}

export interface RestoreResult {
  restored: BackupMeta;
  targetPath: string;
  /** Backup of what was there before the restore; null when the target did not exist. */
  safetyBackup: BackupMeta | null;
  changed: boolean;
}

/**
 * Puts a backup's bytes back (at its source path unless `target` is given), backing up first. The
 * source path's folder is recreated if it went away; a `target` in a missing folder is refused.
 */
export async function restoreBackup(store: BackupStore, id: string, target?: string): Promise<RestoreResult> {
  const { meta, bytes } = await readBackup(store, id);
  const targetPath = target ?? meta.sourcePath;
  const current = await readIfExists(store.fs, targetPath);
  if (current?.equals(bytes)) return { restored: meta, targetPath, safetyBackup: null, changed: false };
  const options = { platform: store.platform, expected: current, createFolder: target === undefined };
  await checkWriteTarget(store.fs, targetPath, options);
  const { backup } = await withBackup(store, targetPath, current, `before restore of ${id}`,
    () => atomicWrite(store.fs, targetPath, bytes, options));
  return { restored: meta, targetPath, safetyBackup: backup, changed: true };
}

export interface BackupDiff {
  id: string;
  /** The file compared with the backup: its source path unless another was given. */
  target: string;
  identical: boolean;
  /** Unified diff, backup -> target, secrets masked (diff.ts); empty when identical. */
  diff: string;
}

/** What changed between backup `id` and `target` (default: the file it was taken from) now. */
export async function diffBackup(store: BackupStore, id: string, target?: string): Promise<BackupDiff> {
  const { meta, bytes } = await readBackup(store, id);
  const path = target ?? meta.sourcePath;
  const current = (await readIfExists(store.fs, path))?.toString('utf8') ?? '';
  const diff = lineDiff(bytes.toString('utf8'), current, [`backup ${meta.id}`, path]);
  return { id: meta.id, target: path, identical: diff === '', diff };
}

/** Deletes all but the newest `keep` backups; returns the removed ones. */
export async function pruneBackups(store: BackupStore, keep = DEFAULT_KEEP): Promise<BackupMeta[]> {
  if (!Number.isInteger(keep) || keep < 0) throw new HelperError('USAGE', `keep must be a whole number >= 0, got ${keep}`);
  const all = await listBackups(store);
  const removed = all.slice(keep);
  for (const meta of removed) {
    const f = backupFiles(store, meta.id);
    for (const path of [f.data, f.meta]) {
      await store.fs.unlink(path).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'write', path);
      });
    }
  }
  return removed;
}
