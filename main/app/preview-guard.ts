/**
 * Preview-then-apply: a write goes ahead only when the config's bytes are the ones the user saw
 * in the preview (sha256 of the file, empty for a missing file). Kept in one place so an engine
 * version of the same check can replace it.
 */
import { createHash } from 'node:crypto';
import { HelperError } from '../core/errors.js';
import { readIfExists } from '../core/config/atomic-write.js';
import type { FsPort } from '../core/config/fs-port.js';

export const sha256Of = (bytes: Buffer | null): string => (bytes === null ? '' : createHash('sha256').update(bytes).digest('hex'));

export async function fileSha256(fs: FsPort, path: string): Promise<string> {
  return sha256Of(await readIfExists(fs, path));
}

export async function requireUnchanged(fs: FsPort, path: string, previewed: string): Promise<void> {
  const now = await fileSha256(fs, path);
  if (now !== previewed) {
    throw new HelperError('CONFIG_CHANGED_SINCE_PREVIEW',
      `${path} changed since the preview you saw; nothing was written. Preview again, check the new diff, then apply.`,
      { detail: { path, previewed, now } });
  }
}
