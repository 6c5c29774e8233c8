import { randomBytes } from 'node:crypto';
import { HelperError } from '../errors.js';
import { pathFor } from '../paths/app-data.js';
import { errnoCode, type FsPort } from './fs-port.js';

/** What the caller read: the bytes, or `null` for "the file did not exist". */
export type Expected = Buffer | null;

export interface WriteTargetOptions {
  platform: NodeJS.Platform;
  /**
   * Create the folder (and its parents) when it is missing. Off by default: a mistyped path must
   * not grow a folder tree; callers turn it on for folders they own (backups) and for Claude
   * Desktop's standard location before Claude has ever run.
   */
  createFolder?: boolean;
}

export interface AtomicWriteOptions extends WriteTargetOptions {
  /** When set, refuse (CONFIG_CHANGED_ON_DISK) if the file no longer holds these bytes. */
  expected?: Expected;
  /** File mode for a new file (an existing file keeps its own). */
  mode?: number;
  /** Clock (ms) deciding which of our temp files are stale; Date.now by default. */
  now?: () => number;
}

/** A temp file of ours older than this was left by a crash (a live write renames within seconds). */
export const STALE_TEMP_MS = 10 * 60_000;

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

export interface WriteTarget {
  /** The file that will be replaced: `path` itself, or the file its symbolic link points to. */
  path: string;
  /** Mode of the existing file; undefined when it does not exist yet. */
  mode: number | undefined;
}

/**
 * Everything that would make a write fail or overstep, checked before anything is touched (so a
 * refused write leaves no backup and no temp file):
 * - a symbolic link is followed; a dangling one is refused (CONFIG_DANGLING_LINK): replacing it
 *   with a plain file would cut the user's link, and its target may be on a drive not mounted now;
 * - a missing folder is refused (FOLDER_MISSING) unless `createFolder`;
 * - a file without write permission (mode without the owner's write bit, or access(2) says no) is
 *   refused (READ_ONLY_FILE): a rename would silently bypass the user's write protection.
 */
export async function checkWriteTarget(fs: FsPort, linkOrPath: string, options: WriteTargetOptions): Promise<WriteTarget> {
  const p = pathFor(options.platform);
  const path = await followLinks(fs, linkOrPath);
  const dir = p.dirname(path);
  if (!options.createFolder) {
    let isDir: boolean;
    try {
      isDir = (await fs.stat(dir)).isDirectory();
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'write', dir);
      throw new HelperError('FOLDER_MISSING',
        `the folder ${dir} does not exist; nothing was written. Check the path for a typo, or create the folder first if it is meant to be there`,
        { detail: { path, folder: dir } });
    }
    if (!isDir) throw fsError(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), 'write', path);
  }
  let mode: number | undefined;
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw new HelperError('CONFIG_IS_DIRECTORY', `${path} is a folder, not a file`, { detail: { path } });
    mode = st.mode & 0o7777;
  } catch (error) {
    if (error instanceof HelperError) throw error;
    if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'read', path);
  }
  if (mode !== undefined) await assertWritable(fs, path, mode, options.platform);
  return { path, mode };
}

/**
 * The file's own write protection is the user's word: a rename would replace the file anyway,
 * so it is checked first. A file system mounted read-only is that (READ_ONLY), not the file's.
 */
async function assertWritable(fs: FsPort, path: string, mode: number, platform: NodeJS.Platform): Promise<void> {
  let code: string | undefined;
  if (fs.checkWritable) {
    try {
      await fs.checkWritable(path);
    } catch (error) {
      code = errnoCode(error) ?? 'EACCES';
      if (code !== 'EACCES' && code !== 'EPERM') throw fsError(error, 'write', path);
    }
  }
  const protectedByMode = (mode & 0o200) === 0;
  if (!protectedByMode && code === undefined) return;
  const octal = `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
  const how = !protectedByMode ? 'give your user write permission on it (see its owner and mode with ls -l)'
    : platform === 'win32' ? `clear its read-only attribute (attrib -R "${path}")` : `make it writable (chmod u+w "${path}")`;
  throw new HelperError('READ_ONLY_FILE',
    `${path} is ${protectedByMode ? 'write-protected' : 'not writable by you'} (mode ${octal}); nothing was written. To let the helper edit it, ${how} and run again, or write another file with --config <path>`,
    { detail: { path, mode: octal } });
}

/**
 * Replaces the file at `linkOrPath` with `data` so that a reader sees the old bytes or the new ones, never a mix:
 * temp file in the same folder (same file system, so rename is atomic on POSIX and
 * MoveFileEx-replace on Windows), fsync, rename, then fsync of the folder so the rename itself is
 * durable. The existing file's mode is kept, and a symbolic link is written through. Any failure
 * before the rename leaves the original untouched and removes the temp file; temp files of ours
 * left by a crash (`.<name>.<12 hex>.tmp`, older than STALE_TEMP_MS) are swept first.
 */
export async function atomicWrite(fs: FsPort, linkOrPath: string, data: Buffer | string, options: AtomicWriteOptions): Promise<void> {
  const p = pathFor(options.platform);
  const target = await checkWriteTarget(fs, linkOrPath, options);
  const { path } = target;
  const dir = p.dirname(path);
  if (options.createFolder) {
    try {
      await fs.mkdir(dir);
    } catch (error) {
      throw fsError(error, 'write', dir);
    }
  }
  const mode = target.mode ?? options.mode ?? 0o600;
  await sweepStaleTemps(fs, p, dir, p.basename(path), (options.now ?? Date.now)());
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
  // The new bytes are in place; a failed folder sync only weakens durability, so it is not an error.
  await fs.syncDir?.(dir).catch(() => undefined);
}

/** Our temp-file name for `base` (random part: 6 bytes as 12 hex digits). */
export function isOurTemp(name: string, base: string): boolean {
  return name.startsWith(`.${base}.`) && /^\.[0-9a-f]{12}\.tmp$/.test(name.slice(base.length + 1));
}

/** Removes temp files of ours for `base` in `dir` older than STALE_TEMP_MS; best effort. */
async function sweepStaleTemps(fs: FsPort, p: ReturnType<typeof pathFor>, dir: string, base: string, now: number): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!isOurTemp(name, base)) continue;
    const file = p.join(dir, name);
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.isFile() && now - st.mtimeMs > STALE_TEMP_MS) await fs.unlink(file).catch(() => undefined);
  }
}

/**
 * A config kept as a symbolic link (dotfile managers) is written through the link: renaming over
 * the link itself would replace it with a plain file and leave the real file behind. A link whose
 * target is missing is refused rather than replaced by a plain file.
 */
async function followLinks(fs: FsPort, path: string): Promise<string> {
  if (!fs.realpath) return path;
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw fsError(error, 'read', path);
  }
  const st = await fs.lstat?.(path).catch(() => undefined);
  if (st?.isSymbolicLink?.()) {
    const to = await fs.readlink?.(path).catch(() => undefined);
    throw new HelperError('CONFIG_DANGLING_LINK',
      `${path} is a symbolic link to ${to ?? 'a missing file'}, which does not exist; nothing was written. Restore the link's target (or remove the link) and run again`,
      { detail: { path, linkTarget: to } });
  }
  return path;
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
