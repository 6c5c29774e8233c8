import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';

/** Stat fields the config engine uses. */
export interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  mode: number;
  size: number;
  mtimeMs: number;
  /** From lstat only: the path itself is a symbolic link. */
  isSymbolicLink?(): boolean;
}

/**
 * The one file-system port of the engine: the config engine (setup, backups) and the doctor read
 * and write through it, so both decode a config from the same bytes (parse.ts decodeConfig).
 * Dependencies are parameters (docs/architecture.md, Conventions): paths are absolute in the style of the platform being modelled, so
 * an in-memory port can model Windows on Linux. Errors carry Node's `code` (ENOENT, EACCES, EROFS,
 * ENOSPC, EISDIR, ...). Optional members are absent in ports that model no such thing.
 */
export interface FsPort {
  /** The raw bytes; decoding is the caller's (decodeConfig for a config). */
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<StatLike>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
  /** Creates `path` exclusively (fails if it exists), writes `data`, fsyncs, closes. */
  writeDurable(path: string, data: Buffer | string, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Resolves symbolic links (absent in ports that model no links). */
  realpath?(path: string): Promise<string>;
  /** Stats the path itself, not what a link points to. */
  lstat?(path: string): Promise<StatLike>;
  readlink?(path: string): Promise<string>;
  /** Resolves when this process may write the file (access(2) W_OK); rejects with the errno (EACCES, EROFS, ...). */
  checkWritable?(path: string): Promise<void>;
  /**
   * Flushes a folder's entries to disk (fsync on the folder), so a rename in it survives a power
   * loss. A no-op where folders cannot be opened (Windows).
   */
  syncDir?(path: string): Promise<void>;
}

/** The read side of the port, which is all the doctor needs. */
export type FsReadPort = Pick<FsPort, 'readFile' | 'stat' | 'readdir'>;

/** The real file system. */
export const nodeFs: FsPort = {
  readFile: (p) => fsp.readFile(p),
  stat: (p) => fsp.stat(p),
  readdir: (p) => fsp.readdir(p),
  mkdir: mkdirp,
  async writeDurable(p, data, mode) {
    const handle = await fsp.open(p, 'wx', mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  chmod: (p, m) => fsp.chmod(p, m),
  realpath: (p) => fsp.realpath(p),
  lstat: (p) => fsp.lstat(p),
  readlink: (p) => fsp.readlink(p),
  checkWritable: (p) => fsp.access(p, fsConstants.W_OK),
  async syncDir(dir) {
    if (process.platform === 'win32') return;
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/**
 * `mkdir -p` that reports the real cause: Node's `{recursive: true}` answers ENOENT when a missing
 * folder cannot be created on a read-only file system, where this answers EROFS (or EACCES, ...).
 */
async function mkdirp(dir: string): Promise<void> {
  try {
    await fsp.mkdir(dir);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') {
      if ((await fsp.stat(dir)).isDirectory()) return;
      throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
    }
    if (code !== 'ENOENT' || path.dirname(dir) === dir) throw error;
    await mkdirp(path.dirname(dir));
    await mkdirp(dir);
  }
}

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the path exists (file or folder); false on ENOENT/ENOTDIR; other errors propagate. */
export async function pathExists(fs: Pick<FsPort, 'stat'>, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}
