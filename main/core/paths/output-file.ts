import { HelperError } from '../errors.js';
import { atomicWrite, fsError } from '../config/atomic-write.js';
import { errnoCode, type FsPort } from '../config/fs-port.js';
import { pathFor } from './app-data.js';

/**
 * Checks, before any work is done, that a file the user asked for (`doctor --report <file>`) can
 * be written: its folder exists and is a folder, the path is not a folder, and an existing file
 * or the folder is writable. Errors: OUTPUT_FOLDER_MISSING, OUTPUT_IS_FOLDER, PATH_NOT_FOLDER,
 * READ_ONLY, PERMISSION_DENIED; each says what to do, and that nothing was run.
 */
export async function checkOutputFile(fs: FsPort, platform: NodeJS.Platform, path: string, what: string): Promise<void> {
  const dir = pathFor(platform).dirname(path);
  let dirIsFolder: boolean;
  try {
    dirIsFolder = (await fs.stat(dir)).isDirectory();
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT' && errnoCode(error) !== 'ENOTDIR') throw fsError(error, 'write', path);
    throw new HelperError('OUTPUT_FOLDER_MISSING',
      `cannot write the ${what} to ${path}: the folder ${dir} does not exist; nothing was run. Create the folder or choose another path`,
      { detail: { path, folder: dir } });
  }
  if (!dirIsFolder) throw fsError(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), 'write', path);
  const existing = await fs.stat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new HelperError('OUTPUT_IS_FOLDER', `cannot write the ${what} to ${path}: it is a folder; nothing was run. Give a file name`, { detail: { path } });
  }
  try {
    await fs.checkWritable?.(existing ? path : dir);
  } catch (error) {
    throw fsError(error, 'write', path);
  }
}

/** Writes a file the user asked for (atomically; errors in words). */
export async function writeOutputFile(fs: FsPort, platform: NodeJS.Platform, path: string, text: string): Promise<void> {
  await atomicWrite(fs, path, text, { platform, mode: 0o600 });
}
