/**
 * readClaudeLogs: the tail of Claude Desktop's `mcp.log` and `mcp-server-<name>.log` from every
 * folder it writes them to on this OS (docs/iam-facts.md, "Logs": on Windows the folder differs
 * between installs, so all known ones are read), redacted, each line that matches a known failure
 * marked with the check that explains it (LOG_CAUSES).
 */
import path from 'node:path';
import { claudeLogDir } from '../core/diagnostics/checks/claude.js';
import { LOG_CAUSES } from '../core/diagnostics/words.js';
import { redactText } from '../core/http/redact.js';
import { resolveConfigPaths } from '../core/config/locate.js';
import type { ClaudeLogsValue } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';

const TAIL_LINES = 200;
const TAIL_BYTES = 64 * 1024;

/**
 * Every folder Claude Desktop may write its MCP logs to on this platform, the usual one first. On
 * Windows also `%LOCALAPPDATA%\\Claude\\Logs` and, for each Microsoft Store package found (the same
 * `Packages\\Claude_*` folders the config is located in), its virtualized `LocalCache\\Roaming\\Claude\\logs`.
 */
export async function claudeLogDirs(ctx: Pick<AppContext, 'platform' | 'env' | 'homedir' | 'fs'>): Promise<string[]> {
  const dirs = [claudeLogDir(ctx)];
  if (ctx.platform === 'win32') {
    const local = ctx.env.LOCALAPPDATA ?? path.win32.join(ctx.homedir, 'AppData', 'Local');
    dirs.push(path.win32.join(local, 'Claude', 'Logs'));
    const located = await resolveConfigPaths({ platform: ctx.platform, env: ctx.env, homedir: ctx.homedir, fs: ctx.fs }).catch(() => undefined);
    for (const c of located?.candidates ?? []) if (c.kind === 'msix') dirs.push(path.win32.join(path.win32.dirname(c.path), 'logs'));
  }
  return dirs;
}

export async function readClaudeLogs(ctx: AppContext, name?: string): Promise<ClaudeLogsValue> {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  const names = ['mcp.log', ...(name ? [`mcp-server-${name}.log`] : [])];
  const dirs = await claudeLogDirs(ctx);
  const files: ClaudeLogsValue['files'] = [];
  for (const dir of dirs) {
    for (const file of names) {
      const full = p.join(dir, file);
      let text: string;
      try { text = (await ctx.fs.readFile(full)).toString('utf8'); } catch { continue; }
      const lines = text.slice(-TAIL_BYTES).split(/\r?\n/).filter((l) => l !== '').slice(-TAIL_LINES);
      files.push({
        path: full,
        lines: lines.map((raw) => {
          const hit = LOG_CAUSES.find((c) => c.re.test(raw));
          return { text: redactText(raw.slice(0, 2000)), ...(hit ? { cause: hit.cause, check: hit.check } : {}) };
        }),
      });
    }
  }
  return { searched: dirs, files };
}
