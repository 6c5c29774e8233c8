/**
 * Loads the config file the doctor diagnoses and builds the target from the entry plus flags
 * (flags win). Strict JSON like Claude Desktop (JSON.parse); jsonc-parser locates the first error
 * at line:col. TODO(merge config, issue 2): use main/core/config parse/locate/read-back instead.
 */
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { DoctorDeps, DoctorTarget } from './types.js';
import { readBridgeEntry } from './entry.js';

export interface ConfigLoad {
  path: string;
  /** Whether the user named the file (--config) or it is the platform default. */
  explicit: boolean;
  state: 'missing' | 'unreadable' | 'invalid' | 'ok';
  error?: string;
  line?: number;
  column?: number;
  excerpt?: string;
  mtimeMs?: number;
  entryNames?: string[];
  entryRaw?: unknown;
}

/** Claude Desktop's config path per platform (Anthropic's MCP quickstart). */
export function defaultConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homedir: string): string {
  if (platform === 'darwin') return path.posix.join(homedir, 'Library/Application Support/Claude/claude_desktop_config.json');
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(homedir, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(homedir, '.config'), 'Claude', 'claude_desktop_config.json');
}

function lineCol(text: string, offset: number): { line: number; column: number; excerpt: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const lineText = text.split('\n')[line - 1] ?? '';
  return { line, column, excerpt: `${lineText.slice(0, 120)}\n${' '.repeat(Math.min(column - 1, 120))}^` };
}

export async function loadConfig(deps: Pick<DoctorDeps, 'fs' | 'platform' | 'env' | 'homedir'>, name: string, explicitPath?: string): Promise<ConfigLoad> {
  const file = explicitPath ?? defaultConfigPath(deps.platform, deps.env, deps.homedir);
  const base = { path: file, explicit: explicitPath !== undefined };
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = (await deps.fs.stat(file)).mtimeMs;
    text = await deps.fs.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ...base, state: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', error: code ?? String(error) };
  }
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let problem: { offset: number; message: string } | undefined = errors[0] ? { offset: errors[0].offset, message: printParseErrorCode(errors[0].error) } : undefined;
  if (!problem) {
    try { JSON.parse(text); } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      problem = { offset: m ? Number(m[1]) : 0, message: (e as Error).message };
    }
  }
  if (problem) return { ...base, state: 'invalid', mtimeMs, error: text.trim() === '' ? 'the file is empty' : problem.message, ...lineCol(text, problem.offset) };
  const servers = root && typeof root === 'object' ? (root as Record<string, unknown>).mcpServers : undefined;
  const entries = servers && typeof servers === 'object' && !Array.isArray(servers) ? servers as Record<string, unknown> : {};
  return { ...base, state: 'ok', mtimeMs, entryNames: Object.keys(entries), ...(name in entries ? { entryRaw: entries[name] } : {}) };
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
