import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Stat fields the config engine uses. */
export interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  mode: number;
  size: number;
  mtimeMs: number;
}

/**
 * The file-system effects of the config engine (docs/architecture.md, Conventions 3: dependencies are parameters).
 * Paths are absolute in the style of the platform being modelled, so an in-memory port can
 * model Windows on Linux. Errors carry Node's `code` (ENOENT, EACCES, EROFS, ENOSPC, EISDIR, ...).
 */
export interface FsPort {
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
}

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
