import { HelperError } from '../errors.js';
import { atomicWrite, readIfExists } from './atomic-write.js';
import { createBackup, type BackupMeta, type BackupStore } from './backups.js';
import { lineDiff } from './diff.js';
import { setServerEntry } from './edit.js';
import { decodeConfig } from './parse.js';
import type { SideFile } from './entry-builder.js';
import type { FsPort } from './fs-port.js';

const UNUSABLE = new Set(['CONFIG_NOT_UTF8', 'CONFIG_INVALID_JSON', 'CONFIG_ROOT_NOT_OBJECT', 'CONFIG_SERVERS_NOT_OBJECT']);

export interface WriteEntryInput {
  fs: FsPort;
  platform: NodeJS.Platform;
  configPath: string;
  name: string;
  entry: unknown;
  /** Files the entry refers to (Windows `@file` arguments), written before the config. */
  sideFiles?: SideFile[];
  backups: BackupStore;
  /** Replace an unusable (invalid JSON, wrong shape) file, after backing it up. */
  replaceInvalid?: boolean;
  dryRun?: boolean;
}

export interface WriteEntryResult {
  configPath: string;
  /** False when the file already held this exact entry (nothing written). */
  changed: boolean;
  created: boolean;
  replacedEntry: boolean;
  replacedInvalidFile: boolean;
  diff: string;
  backup: BackupMeta | null;
  sideFilesWritten: string[];
  dryRun: boolean;
}

/**
 * Writes `mcpServers.<name>` into Claude Desktop's config without losing a byte of anything else
 * (README, "Safety"): refuses an unusable file unless `replaceInvalid`, backs up before
 * every write, writes atomically, refuses if the file changed on disk since it was read.
 */
export async function writeServerEntry(input: WriteEntryInput): Promise<WriteEntryResult> {
  const { fs, platform, configPath } = input;
  const before = await readIfExists(fs, configPath);
  let beforeText: string | undefined;
  let afterText: string;
  let changed: boolean;
  let replacedEntry = false;
  let replacedInvalidFile = false;
  try {
    beforeText = before === null ? undefined : decodeConfig(before, configPath);
    ({ text: afterText, changed, replaced: replacedEntry } = setServerEntry(beforeText, input.name, input.entry, configPath));
  } catch (error) {
    if (!(error instanceof HelperError) || !UNUSABLE.has(error.code)) throw error;
    if (!input.replaceInvalid) {
      throw new HelperError(error.code,
        `${error.message}; nothing was changed. Fix the file, restore a backup (iam-mcp-helper backups list), or pass --replace-invalid to back it up and start a new one`,
        { detail: error.detail, cause: error });
    }
    ({ text: afterText, changed } = setServerEntry(undefined, input.name, input.entry));
    replacedInvalidFile = true;
  }
  const result: WriteEntryResult = {
    configPath, changed, created: before === null, replacedEntry, replacedInvalidFile,
    diff: lineDiff(beforeText ?? before?.toString('utf8') ?? '', afterText, [before === null ? '/dev/null' : configPath, configPath]),
    backup: null, sideFilesWritten: [], dryRun: input.dryRun === true,
  };
  if (input.dryRun) return result;

  for (const side of input.sideFiles ?? []) {
    const existing = await readIfExists(fs, side.path);
    if (existing?.toString('utf8') === side.content) continue;
    await atomicWrite(fs, side.path, side.content, { platform, mode: 0o600 });
    result.sideFilesWritten.push(side.path);
  }
  if (!changed) return result;
  if (before !== null) {
    result.backup = await createBackup(input.backups, configPath, before, replacedInvalidFile ? 'unusable file replaced (--replace-invalid)' : `before writing mcpServers.${input.name}`);
  }
  await atomicWrite(fs, configPath, afterText, { platform, expected: before, mode: 0o644 });
  return result;
}
