import { randomBytes } from 'node:crypto';
import { HelperError } from '../errors.js';
import { pathFor } from '../paths/app-data.js';
import { errnoCode, type FsPort } from './fs-port.js';

/** What the caller read: the bytes, or `null` for "the file did not exist". */
export type Expected = Buffer | null;

export interface AtomicWriteOptions {
  platform: NodeJS.Platform;
  /** When set, refuse (CONFIG_CHANGED_ON_DISK) if the file no longer holds these bytes. */
  expected?: Expected;
  /** File mode for a new file (an existing file keeps its own). */
  mode?: number;
}

/** Reads a file; `null` when it does not exist. Maps other errors to clear HelperErrors. */
export async function readIfExists(fs: FsPort, path: string): Promise<Buffer | null> {
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw new HelperError('CONFIG_IS_DIRECTORY', `${path} is a folder, not a file`, { detail: { path } });
    return await fs.readFile(path);
  } catch (error) {
    if (error instanceof HelperError) throw error;
    if (errnoCode(error) === 'ENOENT') return null;
    throw fsError(error, 'read', path);
  }
}

/** One clear line for the file-system failures a user can fix. */
export function fsError(error: unknown, action: 'read' | 'write', path: string): HelperError {
  const code = errnoCode(error);
  const messages: Record<string, [string, string]> = {
    ENOSPC: ['DISK_FULL', `cannot ${action} ${path}: the disk is full (nothing was changed)`],
    EDQUOT: ['DISK_FULL', `cannot ${action} ${path}: disk quota exceeded (nothing was changed)`],
    EROFS: ['READ_ONLY', `cannot ${action} ${path}: the file system is read-only`],
    EACCES: ['PERMISSION_DENIED', `cannot ${action} ${path}: permission denied (is the file or its folder read-only?)`],
    EPERM: ['PERMISSION_DENIED', `cannot ${action} ${path}: operation not permitted (is the file or its folder read-only?)`],
    EISDIR: ['CONFIG_IS_DIRECTORY', `${path} is a folder, not a file`],
    ENOTDIR: ['PATH_NOT_FOLDER', `cannot ${action} ${path}: a part of the path is a file, not a folder`],
  };
  const [c, m] = messages[code ?? ''] ?? ['FS_ERROR', `cannot ${action} ${path}: ${(error as Error)?.message ?? String(error)}`];
  return new HelperError(c, m, { cause: error, detail: { path, errno: code } });
}

/**
 * Replaces `path` with `data` so that a reader sees the old bytes or the new ones, never a mix:
 * temp file in the same folder (same file system, so rename is atomic on POSIX and
 * MoveFileEx-replace on Windows), fsync, then rename; the existing file's mode is kept. Any
 * failure before the rename leaves the original untouched and removes the temp file.
 */
export async function atomicWrite(fs: FsPort, path: string, data: Buffer | string, options: AtomicWriteOptions): Promise<void> {
  const p = pathFor(options.platform);
  const dir = p.dirname(path);
  let mode = options.mode ?? 0o600;
  try {
    await fs.mkdir(dir);
  } catch (error) {
    throw fsError(error, 'write', dir);
  }
  try {
    mode = (await fs.stat(path)).mode & 0o7777;
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'read', path);
  }
  const temp = p.join(dir, `.${p.basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeDurable(temp, data, mode);
    if (options.expected !== undefined) await assertUnchanged(fs, path, options.expected);
    await fs.chmod(temp, mode);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    if (error instanceof HelperError) throw error;
    throw fsError(error, 'write', path);
  }
}

async function assertUnchanged(fs: FsPort, path: string, expected: Expected): Promise<void> {
  const now = await readIfExists(fs, path);
  const same = now === null || expected === null ? now === expected : now.equals(expected);
  if (!same) {
    throw new HelperError('CONFIG_CHANGED_ON_DISK',
      `${path} changed on disk while it was being edited (another program wrote it); nothing was written, run the command again`,
      { detail: { path } });
  }
}
