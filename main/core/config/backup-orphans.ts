import { fsError } from './atomic-write.js';
import { BACKUP_ID, backupFiles, backupFolderNames, type BackupStore } from './backups.js';
import { errnoCode } from './fs-port.js';
import { pathFor } from '../paths/app-data.js';

/**
 * A backup's bytes (`<id>.bak`) without its record (`<id>.json`): the process taking it stopped
 * between staging the backup and recording it (backups.ts StagedBackup), so the write it was
 * taken for may or may not have happened. The bytes are still the file as it was; they are
 * listed so a user can look at them (`path`) and pruned like any old backup.
 */
export interface OrphanBackup {
  id: string;
  /** When it was taken, from its id (ISO 8601). */
  createdAt: string;
  /** The `.bak` file holding the bytes. */
  path: string;
  size: number;
}

/** A staged backup younger than this may still be recorded by a write in progress; prune leaves it. */
export const ORPHAN_GRACE_MS = 10 * 60_000;

/** Newest first. */
export async function listOrphanBackups(store: BackupStore): Promise<OrphanBackup[]> {
  const names = await backupFolderNames(store);
  const present = new Set(names);
  const out: OrphanBackup[] = [];
  for (const name of names) {
    const id = name.replace(/\.bak$/, '');
    if (!name.endsWith('.bak') || !BACKUP_ID.test(id) || present.has(`${id}.json`)) continue;
    const path = pathFor(store.platform).join(store.dir, name);
    const st = await store.fs.stat(path).catch(() => undefined);
    if (!st?.isFile()) continue;
    out.push({ id, createdAt: idTime(id), path, size: st.size });
  }
  return out.sort((x, y) => y.id.localeCompare(x.id));
}

/** Deletes orphans older than ORPHAN_GRACE_MS (by the store's clock); returns them. */
export async function pruneOrphanBackups(store: BackupStore): Promise<OrphanBackup[]> {
  const now = (store.now ?? (() => new Date()))().getTime();
  const removed: OrphanBackup[] = [];
  for (const orphan of await listOrphanBackups(store)) {
    if (now - Date.parse(orphan.createdAt) < ORPHAN_GRACE_MS) continue;
    const { data } = backupFiles(store, orphan.id);
    await store.fs.unlink(data).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'write', data);
    });
    removed.push(orphan);
  }
  return removed;
}

/** `20260101T120000000Z-a1b2c3` -> `2026-01-01T12:00:00.000Z`. */
function idTime(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : '';
}
