import { createHash, randomBytes } from 'node:crypto';
import { HelperError } from '../errors.js';
import { pathFor } from '../paths/app-data.js';
import { atomicWrite, fsError, readIfExists } from './atomic-write.js';
import { errnoCode, type FsPort } from './fs-port.js';

/**
 * Backups live in the app data folder (paths/app-data.ts `backupsDir`) as `<id>.bak` (the exact
 * bytes) plus `<id>.json` (this metadata), so the CLI and the desktop app see the same list.
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

export interface BackupStore {
  fs: FsPort;
  platform: NodeJS.Platform;
  dir: string;
  now?: () => Date;
}

export const DEFAULT_KEEP = 20;
const ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;

/** Sortable id: UTC time to the millisecond plus a random suffix. */
function newId(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

function files(store: BackupStore, id: string): { data: string; meta: string } {
  if (!ID.test(id)) throw new HelperError('BACKUP_NOT_FOUND', `no backup "${id}" (ids look like 20260101T120000000Z-a1b2c3; see backups list)`);
  const p = pathFor(store.platform);
  return { data: p.join(store.dir, `${id}.bak`), meta: p.join(store.dir, `${id}.json`) };
}

export async function createBackup(store: BackupStore, sourcePath: string, bytes: Buffer, reason: string): Promise<BackupMeta> {
  const at = (store.now ?? (() => new Date()))();
  const id = newId(at);
  const meta: BackupMeta = {
    id, createdAt: at.toISOString(), sourcePath, size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), reason,
  };
  const f = files(store, id);
  await atomicWrite(store.fs, f.data, bytes, { platform: store.platform, mode: 0o600 });
  await atomicWrite(store.fs, f.meta, `${JSON.stringify(meta, null, 2)}\n`, { platform: store.platform, mode: 0o600 });
  return meta;
}

/** Newest first. Unreadable or foreign files in the folder are skipped. */
export async function listBackups(store: BackupStore): Promise<BackupMeta[]> {
  let names: string[];
  try {
    names = await store.fs.readdir(store.dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw fsError(error, 'read', store.dir);
  }
  const out: BackupMeta[] = [];
  for (const name of names) {
    const id = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !ID.test(id)) continue;
    try {
      const meta = JSON.parse((await store.fs.readFile(pathFor(store.platform).join(store.dir, name))).toString('utf8')) as BackupMeta;
      if (meta.id === id) out.push(meta);
    } catch {
      continue;
    }
  }
  return out.sort((x, y) => (x.createdAt === y.createdAt ? y.id.localeCompare(x.id) : y.createdAt.localeCompare(x.createdAt)));
}

export async function readBackup(store: BackupStore, id: string): Promise<{ meta: BackupMeta; bytes: Buffer }> {
  const f = files(store, id);
  const metaBytes = await readIfExists(store.fs, f.meta);
  const bytes = await readIfExists(store.fs, f.data);
  if (!metaBytes || !bytes) throw new HelperError('BACKUP_NOT_FOUND', `no backup "${id}" in ${store.dir} (see backups list)`);
  const meta = JSON.parse(metaBytes.toString('utf8')) as BackupMeta;
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

/** Puts a backup's bytes back (at its source path unless `target` is given), backing up first. */
export async function restoreBackup(store: BackupStore, id: string, target?: string): Promise<RestoreResult> {
  const { meta, bytes } = await readBackup(store, id);
  const targetPath = target ?? meta.sourcePath;
  const current = await readIfExists(store.fs, targetPath);
  if (current?.equals(bytes)) return { restored: meta, targetPath, safetyBackup: null, changed: false };
  const safetyBackup = current ? await createBackup(store, targetPath, current, `before restore of ${id}`) : null;
  await atomicWrite(store.fs, targetPath, bytes, { platform: store.platform, expected: current });
  return { restored: meta, targetPath, safetyBackup, changed: true };
}

/** Deletes all but the newest `keep` backups; returns the removed ones. */
export async function pruneBackups(store: BackupStore, keep = DEFAULT_KEEP): Promise<BackupMeta[]> {
  if (!Number.isInteger(keep) || keep < 0) throw new HelperError('USAGE', `keep must be a whole number >= 0, got ${keep}`);
  const all = await listBackups(store);
  const removed = all.slice(keep);
  for (const meta of removed) {
    const f = files(store, meta.id);
    for (const path of [f.data, f.meta]) {
      await store.fs.unlink(path).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'write', path);
      });
    }
  }
  return removed;
}
