/**
 * Loads the config file the doctor diagnoses with the config engine (main/core/config: locate, strict
 * parse with line:col) and builds the target from the entry plus flags (flags win).
 */
import { HelperError } from '../errors.js';
import { decodeConfig, parseConfigText } from '../config/parse.js';
import { resolveConfigPaths } from '../config/locate.js';
import type { DoctorDeps, DoctorTarget } from './types.js';
import { readBridgeEntry } from './entry.js';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ConfigLoad {
  path: string;
  /** Whether the user named the file (--config) or it is the platform default. */
  explicit: boolean;
  /** Why this file (the config engine's locate reason). */
  reason?: string;
  state: 'missing' | 'unreadable' | 'invalid' | 'ok';
  /** The file starts with a UTF-8 byte order mark (invalid for JSON.parse; setup removes it). */
  bom?: boolean;
  error?: string;
  line?: number;
  column?: number;
  excerpt?: string;
  mtimeMs?: number;
  entryNames?: string[];
  entryRaw?: unknown;
}

export async function loadConfig(deps: Pick<DoctorDeps, 'fs' | 'platform' | 'env' | 'homedir'>, name: string, explicitPath?: string): Promise<ConfigLoad> {
  // A path the user gave is used as given (the CLI made it absolute); else the engine's choice.
  const located = explicitPath ? { chosen: explicitPath, reason: 'path given by the user (--config)' }
    : await resolveConfigPaths({ platform: deps.platform, env: deps.env, homedir: deps.homedir, fs: deps.fs });
  const file = located.chosen;
  const base = { path: file, explicit: explicitPath !== undefined, reason: located.reason };
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    mtimeMs = (await deps.fs.stat(file)).mtimeMs;
    bytes = await deps.fs.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ...base, state: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', error: code ?? String(error) };
  }
  try {
    // The config engine's decode, as setup reads the file: invalid UTF-8 is an error, a BOM is kept and named.
    const parsed = parseConfigText(decodeConfig(bytes, file), file);
    const entries = parsed.mcpServers ?? {};
    return { ...base, state: 'ok', mtimeMs, entryNames: Object.keys(entries), ...(name in entries ? { entryRaw: entries[name] } : {}) };
  } catch (error) {
    if (!(error instanceof HelperError)) throw error;
    const d = error.detail ?? {};
    return { ...base, state: 'invalid', mtimeMs, error: String(d.error ?? error.message), ...(bytes.subarray(0, 3).equals(UTF8_BOM) ? { bom: true } : {}),
      ...(typeof d.line === 'number' ? { line: d.line, column: d.column as number, excerpt: String(d.excerpt ?? '') } : {}) };
  }
}

export interface TargetFlags { name?: string; url?: string; clientId?: string; scopes?: string }

/** Target = the entry read back, with each flag overriding what the entry says. */
export function buildTarget(load: ConfigLoad | undefined, flags: TargetFlags, platform: NodeJS.Platform): DoctorTarget & { config?: ConfigLoad } {
  const name = flags.name ?? 'iam';
  const entry = load?.entryRaw !== undefined ? readBridgeEntry(load.entryRaw, platform) : undefined;
  const scopes = flags.scopes !== undefined ? flags.scopes.split(/\s+/).filter(Boolean) : entry?.scopes;
  const mcpUrl = flags.url ?? entry?.url;
  const clientId = flags.clientId ?? entry?.clientId;
  return {
    name, ...(load ? { config: load, configPath: load.path } : {}),
    ...(mcpUrl ? { mcpUrl } : {}), ...(clientId ? { clientId } : {}), ...(scopes ? { scopes } : {}), ...(entry ? { entry } : {}),
  };
}
