import { createHash } from 'node:crypto';
import { parse as parseLenient, type ParseError } from 'jsonc-parser';
import { HelperError } from '../errors.js';
import { atomicWrite, checkWriteTarget, readIfExists } from './atomic-write.js';
import { withBackup, type BackupMeta, type BackupStore } from './backups.js';
import { lineDiff } from './diff.js';
import { setServerEntry } from './edit.js';
import { repairConfigText } from './repair.js';
import { decodeConfig, isPlainObject } from './parse.js';
import type { SideFile } from './entry-builder.js';
import type { FsPort } from './fs-port.js';

const UNUSABLE = new Set(['CONFIG_NOT_UTF8', 'CONFIG_INVALID_JSON', 'CONFIG_ROOT_NOT_OBJECT', 'CONFIG_SERVERS_NOT_OBJECT']);
const BOM = '\uFEFF';

export interface WriteEntryInput {
  fs: FsPort;
  platform: NodeJS.Platform;
  configPath: string;
  name: string;
  entry: unknown;
  /** Files the entry refers to (Windows `@file` arguments), written before the config. */
  sideFiles?: SideFile[];
  backups: BackupStore;
  /**
   * Create the config's folder when missing: only for Claude Desktop's standard location (Claude
   * not yet run, locate.ts isStandardConfigPath); any other missing folder is refused.
   */
  createFolder?: boolean;
  /** Replace an unusable (invalid JSON, wrong shape) file, after backing it up. */
  replaceInvalid?: boolean;
  /** Repair an unreadable file by removing only its trailing commas and comments (repair.ts), keeping every server; ahead of replaceInvalid. */
  repairInvalid?: boolean;
  /**
   * The servers a replacement may drop, by name: a replacement that would drop a server read
   * from the broken file and not named here is refused (CONFIG_REPLACE_DROPS_SERVERS).
   */
  confirmDrop?: string[];
  /**
   * The sha256 a preview returned (null: the file did not exist). When set, the write is refused
   * (CONFIG_CHANGED_ON_DISK, detail: the new diff and sha256) if the file changed since.
   */
  expectedSha256?: string | null;
  dryRun?: boolean;
}

export interface WriteEntryResult {
  configPath: string;
  /** sha256 (hex) of the bytes the diff was made from; null when the file did not exist. */
  sha256: string | null;
  /** False when the file already held this exact entry (nothing written). */
  changed: boolean;
  created: boolean;
  replacedEntry: boolean;
  replacedInvalidFile: boolean;
  /** The file started with a UTF-8 byte order mark, which the write removes (parse.ts: JSON.parse rejects it). */
  bomRemoved: boolean;
  /** Servers a replacement of an unusable file drops (names read leniently from the broken text). */
  droppedServers: string[];
  /** What a repair removed (repairInvalid), e.g. "a trailing comma at line 3, column 34"; empty when none. */
  repairs: string[];
  diff: string;
  backup: BackupMeta | null;
  sideFilesWritten: string[];
  dryRun: boolean;
}

export const sha256Of = (bytes: Buffer | null): string | null => (bytes === null ? null : createHash('sha256').update(bytes).digest('hex'));

/** The entry written into the repaired text (repair.ts); null when the text has no such repair. */
function repairWith(text: string | undefined, name: string, entry: unknown, configPath: string) {
  if (text === undefined) return null;
  const bom = text.startsWith(BOM);
  const repair = repairConfigText(bom ? text.slice(1) : text);
  if (!repair) return null;
  try {
    const set = setServerEntry(repair.text, name, entry, configPath);
    return { ...set, changed: true, repairs: repair.fixes, bomRemoved: bom };
  } catch (error) {
    if (error instanceof HelperError && UNUSABLE.has(error.code)) return null;
    throw error;
  }
}

/**
 * Writes `mcpServers.<name>` into Claude Desktop's config without losing a byte of anything else:
 * a leading BOM (which Claude Desktop cannot read) is removed and the rest kept; an unusable file is
 * refused unless `replaceInvalid`, which names the servers it drops and needs them confirmed; the
 * target is checked (write protection, missing folder, dangling link) before anything is written;
 * the backup is recorded only once the write took place; the write is atomic and refused if the
 * file changed on disk since it was read (or since the preview, with `expectedSha256`).
 */
export async function writeServerEntry(input: WriteEntryInput): Promise<WriteEntryResult> {
  const { fs, platform, configPath } = input;
  const before = await readIfExists(fs, configPath);
  let beforeText: string | undefined;
  let afterText: string;
  let changed: boolean;
  let replacedEntry = false;
  let replacedInvalidFile = false;
  let bomRemoved = false;
  let droppedServers: string[] = [];
  let repairs: string[] = [];
  try {
    beforeText = before === null ? undefined : decodeConfig(before, configPath);
    bomRemoved = beforeText?.startsWith(BOM) === true;
    ({ text: afterText, changed, replaced: replacedEntry } = setServerEntry(bomRemoved ? beforeText!.slice(1) : beforeText, input.name, input.entry, configPath));
    changed ||= bomRemoved;
  } catch (error) {
    if (!(error instanceof HelperError) || !UNUSABLE.has(error.code)) throw error;
    bomRemoved = false;
    const repaired = input.repairInvalid ? repairWith(beforeText, input.name, input.entry, configPath) : null;
    if (repaired) {
      ({ text: afterText, changed, replaced: replacedEntry, repairs } = repaired);
      bomRemoved = repaired.bomRemoved;
    } else {
      droppedServers = recoverServerNames(beforeText ?? before?.toString('utf8') ?? '').filter((n) => n !== input.name);
      if (!input.replaceInvalid) {
        const drops = droppedServers.length ? ` (it would drop ${listNames(droppedServers)}; they stay in the backup)` : '';
        throw new HelperError(error.code,
          `${error.message}; nothing was changed. Fix the file${repairConfigText(beforeText ?? '') ? ' (or pass --repair: only trailing commas or comments are wrong)' : ''}, restore a backup (iam-mcp-helper backups list), or pass --replace-invalid to back it up and start a new one${drops}`,
          { detail: { ...error.detail, droppedServers }, cause: error });
      }
      ({ text: afterText, changed } = setServerEntry(undefined, input.name, input.entry));
      replacedInvalidFile = true;
    }
  }
  const sha256 = sha256Of(before);
  const result: WriteEntryResult = {
    configPath, sha256, changed, created: before === null, replacedEntry, replacedInvalidFile, bomRemoved, droppedServers, repairs,
    diff: lineDiff(beforeText ?? before?.toString('utf8') ?? '', afterText, [before === null ? '/dev/null' : configPath, configPath]),
    backup: null, sideFilesWritten: [], dryRun: input.dryRun === true,
  };
  if (input.expectedSha256 !== undefined && input.expectedSha256 !== sha256) {
    throw new HelperError('CONFIG_CHANGED_ON_DISK',
      `${configPath} changed on disk since the preview (another program wrote it); nothing was written. Review the new diff and apply again`,
      { detail: { path: configPath, sha256, diff: result.diff } });
  }
  const unconfirmed = droppedServers.filter((n) => !(input.confirmDrop ?? []).includes(n));
  if (!input.dryRun && unconfirmed.length) {
    throw new HelperError('CONFIG_REPLACE_DROPS_SERVERS',
      `replacing ${configPath} would drop ${listNames(unconfirmed)} (read from the broken file; the backup keeps them); nothing was written. Fix the file instead, or confirm with --confirm-drop "${unconfirmed.join(',')}"`,
      { detail: { path: configPath, droppedServers, unconfirmed } });
  }
  if (changed) await checkWriteTarget(fs, configPath, { platform, createFolder: input.createFolder === true });
  if (input.dryRun) return result;

  for (const side of input.sideFiles ?? []) {
    const existing = await readIfExists(fs, side.path);
    if (existing?.toString('utf8') === side.content) continue;
    await atomicWrite(fs, side.path, side.content, { platform, mode: 0o600, createFolder: true });
    result.sideFilesWritten.push(side.path);
  }
  if (!changed) return result;
  const reason = replacedInvalidFile ? 'unusable file replaced (--replace-invalid)'
    : repairs.length ? `before repairing (removing ${repairs.join('; ')}) and writing mcpServers.${input.name}`
    : bomRemoved ? `before removing a BOM and writing mcpServers.${input.name}` : `before writing mcpServers.${input.name}`;
  ({ backup: result.backup } = await withBackup(input.backups, configPath, before, reason,
    () => atomicWrite(fs, configPath, afterText, { platform, expected: before, mode: 0o644, createFolder: input.createFolder === true })));
  return result;
}

/**
 * The server names an unusable file still shows, read as leniently as jsonc-parser allows
 * (comments, trailing commas, a BOM, errors skipped): what a replacement would drop.
 */
export function recoverServerNames(text: string): string[] {
  const errors: ParseError[] = [];
  const root: unknown = parseLenient(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const servers = isPlainObject(root) ? root.mcpServers : undefined;
  return isPlainObject(servers) ? Object.keys(servers) : [];
}

const listNames = (names: string[]): string => `${names.length === 1 ? 'the server' : `${names.length} servers:`} ${names.map((n) => `"${n}"`).join(', ')}`;
