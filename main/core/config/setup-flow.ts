import { writeServerEntry, type WriteEntryInput, type WriteEntryResult } from './write-entry.js';

export type SetupInput = Omit<WriteEntryInput, 'dryRun' | 'expectedSha256'>;

/**
 * The first half of a reviewed write: the diff (and, for an unusable file being replaced, the
 * servers it drops), with the sha256 of the bytes it was made from. Writes nothing.
 */
export function previewSetup(input: SetupInput): Promise<WriteEntryResult> {
  return writeServerEntry({ ...input, dryRun: true });
}

/**
 * Writes what the preview showed, if the file still holds the bytes the preview saw (`sha256`
 * from previewSetup, null for "did not exist"): otherwise CONFIG_CHANGED_ON_DISK, whose detail
 * carries the new diff and sha256 to show and confirm again.
 */
export function applySetup(input: SetupInput, sha256: string | null): Promise<WriteEntryResult> {
  return writeServerEntry({ ...input, expectedSha256: sha256 });
}
