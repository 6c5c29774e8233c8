/**
 * claude.*: the app side. Claude Desktop reads its config only at start, and writes one MCP log
 * per server: macOS ~/Library/Logs/Claude/mcp-server-<name>.log, Windows %APPDATA%\Claude\logs,
 * Linux ~/.config/Claude/logs (Anthropic's MCP debugging guide).
 */
import path from 'node:path';
import type { CheckDef, DoctorDeps, ProcessInfo } from '../types.js';
import { LOG_CAUSES, say } from '../words.js';
import { redactText } from '../../http/redact.js';
import { resolveConfigPaths } from '../../config/locate.js';

export function claudeLogDir(deps: Pick<DoctorDeps, 'platform' | 'env' | 'homedir'>): string {
  if (deps.platform === 'darwin') return path.posix.join(deps.homedir, 'Library/Logs/Claude');
  if (deps.platform === 'win32') return path.win32.join(deps.env.APPDATA ?? path.win32.join(deps.homedir, 'AppData', 'Roaming'), 'Claude', 'logs');
  return path.posix.join(deps.env.XDG_CONFIG_HOME ?? path.posix.join(deps.homedir, '.config'), 'Claude', 'logs');
}


/**
 * Whether Claude Desktop has ever run here: its own config folder (where `locate` looks, not a
 * --config path) or its log folder exists. Claude creates both on first start.
 */
async function claudeInstalled(ctx: Parameters<CheckDef['run']>[0]): Promise<boolean> {
  const p = ctx.deps.platform === 'win32' ? path.win32 : path.posix;
  const located = await resolveConfigPaths({ platform: ctx.deps.platform, env: ctx.deps.env, homedir: ctx.deps.homedir, fs: ctx.deps.fs }).catch(() => undefined);
  const dirs = [claudeLogDir(ctx.deps), ...(located?.candidates.filter((c) => c.kind !== 'user').map((c) => p.dirname(c.path)) ?? [])];
  for (const dir of dirs) {
    try { if ((await ctx.deps.fs.stat(dir)).isDirectory()) return true; } catch { /* absent */ }
  }
  return false;
}

/** Claude Desktop's processes in a process list (its main binary on each OS), and when the first started. */
export function findClaude(procs: ProcessInfo[]): { running: boolean; startedAtMs?: number } {
  const claude = procs.filter((p) => /^claude(\.exe)?$/i.test(p.name) || /Claude\.app\/Contents\/MacOS\/Claude$/.test(p.name));
  const started = Math.min(...claude.map((p) => p.startedAtMs ?? Infinity));
  return { running: claude.length > 0, ...(Number.isFinite(started) ? { startedAtMs: started } : {}) };
}

const TAIL_BYTES = 64 * 1024;

export const claudeChecks: CheckDef[] = [
  {
    id: 'claude.running', area: 'claude', title: 'Claude Desktop has loaded the current config',
    async run(ctx) {
      const procs = await ctx.deps.listProcesses().catch(() => undefined);
      if (!procs) return { status: 'skip', notApplicable: true, evidence: {}, ...say('no-process-list') };
      const claude = findClaude(procs);
      const mtime = ctx.options.target.config?.mtimeMs;
      const evidence = { running: claude.running, startedAt: claude.startedAtMs ? new Date(claude.startedAtMs).toISOString() : undefined, configModified: mtime ? new Date(mtime).toISOString() : undefined };
      // Not running: nothing has loaded the config yet, so this is no pass (the title would claim it).
      if (!claude.running) {
        const installed = await claudeInstalled(ctx);
        return { status: 'skip', notApplicable: true, evidence: { ...evidence, installed }, ...say(installed ? 'claude-not-running' : 'claude-not-installed') };
      }
      const started = claude.startedAtMs ?? Infinity;
      if (mtime !== undefined && (started === Infinity || mtime > started)) return { status: 'warn', evidence, ...say('claude-restart') };
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'claude.logs', area: 'claude', title: 'Claude\'s MCP log for this server',
    async run(ctx) {
      const dir = claudeLogDir(ctx.deps);
      const name = ctx.options.target.name;
      const file = (ctx.deps.platform === 'win32' ? path.win32 : path.posix).join(dir, `mcp-server-${name}.log`);
      let text: string;
      try { text = (await ctx.deps.fs.readFile(file)).toString('utf8'); } catch {
        return { status: 'skip', notApplicable: true, evidence: { file }, ...say('claude-no-log', { name, dir }) };
      }
      const lines = text.slice(-TAIL_BYTES).split(/\r?\n/);
      const hits: { line: string; cause: string; check: string }[] = [];
      for (const line of lines) {
        const m = LOG_CAUSES.find((p) => p.re.test(line));
        if (m) hits.push({ line: redactText(line.slice(0, 300)), cause: m.cause, check: m.check });
      }
      const causes = [...new Set(hits.map((h) => h.cause))];
      const evidence = { file, linesRead: lines.length, matches: hits.slice(-10) };
      if (!hits.length) return { status: 'pass', evidence };
      return { status: 'warn', evidence, ...say('claude-log-errors', { name, causes: causes.join('; ') }) };
    },
  },
];
