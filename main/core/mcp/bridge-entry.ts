/**
 * Reads the `mcpServers.<name>` entry a bridge run spawns, through the config engine (one parser:
 * strict JSON as Claude Desktop reads it, the same default location `locate` picks).
 */
import { HelperError } from '../errors.js';
import type { FsPort } from '../config/fs-port.js';
import { errnoCode } from '../config/fs-port.js';
import { resolveConfigPaths } from '../config/locate.js';
import { decodeConfig, isPlainObject, parseConfigText } from '../config/parse.js';
import { describeEntry, type EntryDescription } from '../config/entry-describe.js';
import type { BridgeEntryInput } from './bridge-run.js';

export interface LoadedBridgeEntry {
  configPath: string;
  name: string;
  entry: BridgeEntryInput;
  description: EntryDescription;
}

export interface LoadEntryInput {
  configPath?: string;
  name: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  fs: FsPort;
}

/** Errors: CONFIG_NOT_FOUND, CONFIG_NOT_UTF8, CONFIG_INVALID_JSON (a BOM included; and the parser's others), ENTRY_MISSING, ENTRY_INVALID. */
export async function loadBridgeEntry(input: LoadEntryInput): Promise<LoadedBridgeEntry> {
  const location = await resolveConfigPaths({ platform: input.platform, env: input.env, homedir: input.homedir, fs: input.fs,
    ...(input.configPath ? { override: input.configPath } : {}) });
  const configPath = location.chosen;
  let bytes: Buffer;
  try {
    bytes = await input.fs.readFile(configPath);
  } catch (error) {
    throw new HelperError('CONFIG_NOT_FOUND', `cannot read ${configPath} (${errnoCode(error) ?? (error as Error).message})`, { detail: { path: configPath }, cause: error });
  }
  // The config engine's decode: invalid UTF-8 is an error, not U+FFFD; a BOM is kept so the parser names it.
  const parsed = parseConfigText(decodeConfig(bytes, configPath), configPath);
  const raw = parsed.mcpServers?.[input.name];
  if (raw === undefined) {
    const names = Object.keys(parsed.mcpServers ?? {});
    throw new HelperError('ENTRY_MISSING', `${configPath} has no mcpServers entry "${input.name}"${names.length ? ` (entries: ${names.join(', ')})` : ''}`,
      { detail: { path: configPath, name: input.name, names } });
  }
  const description = describeEntry(raw);
  if (!isPlainObject(raw) || description.command === undefined) {
    throw new HelperError('ENTRY_INVALID', `mcpServers.${input.name} in ${configPath} has no "command" string`, { detail: { path: configPath, name: input.name } });
  }
  return {
    configPath, name: input.name, description,
    entry: { command: description.command, args: description.args, env: description.env },
  };
}
