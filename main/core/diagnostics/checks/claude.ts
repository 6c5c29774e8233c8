/**
 * claude.*: the app side. Claude Desktop reads its config only at start, and writes one MCP log
 * per server: macOS ~/Library/Logs/Claude/mcp-server-<name>.log, Windows %APPDATA%\Claude\logs,
 * Linux ~/.config/Claude/logs (Anthropic's MCP debugging guide).
 */
import path from 'node:path';
import type { CheckDef, DoctorDeps } from '../types.js';
import { say } from '../words.js';
import { redactBody } from '../../http/redact.js';

export function claudeLogDir(deps: Pick<DoctorDeps, 'platform' | 'env' | 'homedir'>): string {
  if (deps.platform === 'darwin') return path.posix.join(deps.homedir, 'Library/Logs/Claude');
  if (deps.platform === 'win32') return path.win32.join(deps.env.APPDATA ?? path.win32.join(deps.homedir, 'AppData', 'Roaming'), 'Claude', 'logs');
  return path.posix.join(deps.env.XDG_CONFIG_HOME ?? path.posix.join(deps.homedir, '.config'), 'Claude', 'logs');
}

/** Log lines → the check that explains them. First match per line wins. */
export const LOG_PATTERNS: { re: RegExp; cause: string; check: string }[] = [
  { re: /E404|404 Not Found - GET https:\/\/registry\.npmjs\.org/i, cause: 'npx could not find the package (config.bridge-package)', check: 'config.bridge-package' },
  { re: /insufficient_scope/i, cause: 'tool calls refused for missing scope (scope.tool-access)', check: 'scope.tool-access' },
  { re: /redirect[ _]uri.*(doesn't exist|invalid|mismatch)|invalid redirect_uri/i, cause: 'redirect URI refused (redirect.loopback)', check: 'redirect.loopback' },
  { re: /Non-HTTPS URLs are only allowed/i, cause: 'http URL refused by mcp-remote (config.url-https)', check: 'config.url-https' },
  { re: /ENOTFOUND|EAI_AGAIN/i, cause: 'host name did not resolve (net.dns)', check: 'net.dns' },
  { re: /ECONNREFUSED/i, cause: 'connection refused (net.tcp)', check: 'net.tcp' },
  { re: /CERT_HAS_EXPIRED|certificate has expired|self[- ]signed certificate|ERR_TLS_CERT_ALTNAME_INVALID|unable to verify the first certificate/i, cause: 'TLS certificate rejected (net.tls)', check: 'net.tls' },
  { re: /EADDRINUSE/i, cause: 'the callback port is taken by another process (config.callback)', check: 'config.callback' },
  { re: /Invalid scope/i, cause: 'the application does not allow a requested scope (config.scope-names)', check: 'config.scope-names' },
  { re: /refresh_token is not supported|refresh token is (invalid|expired)/i, cause: 'token refresh refused (token.refresh)', check: 'token.refresh' },
  { re: /dynamic client registration is disabled|Incompatible auth server: does not support dynamic client registration/i, cause: 'no client id given, and registration is off (config.env-ignored)', check: 'config.env-ignored' },
  { re: /spawn .* ENOENT|command not found/i, cause: 'the command was not found (config.command-resolvable)', check: 'config.command-resolvable' },
];

const TAIL_BYTES = 64 * 1024;

export const claudeChecks: CheckDef[] = [
  {
    id: 'claude.running', area: 'claude', title: 'Claude Desktop has loaded the current config',
    async run(ctx) {
      const procs = await ctx.deps.listProcesses().catch(() => undefined);
      if (!procs) return { status: 'skip', notApplicable: true, evidence: {}, cause: 'The process list is not available.' };
      const claude = procs.filter((p) => /^claude(\.exe)?$/i.test(p.name) || /Claude\.app\/Contents\/MacOS\/Claude$/.test(p.name));
      const mtime = ctx.options.target.config?.mtimeMs;
      const evidence = { running: claude.length > 0, startedAt: claude[0]?.startedAtMs ? new Date(claude[0].startedAtMs).toISOString() : undefined, configModified: mtime ? new Date(mtime).toISOString() : undefined };
      if (!claude.length) return { status: 'pass', evidence, cause: 'Claude Desktop is not running; it reads the config when it starts.' };
      const started = Math.min(...claude.map((p) => p.startedAtMs ?? Infinity));
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
      try { text = await ctx.deps.fs.readFile(file); } catch {
        return { status: 'skip', notApplicable: true, evidence: { file }, ...say('claude-no-log', { name, dir }) };
      }
      const lines = text.slice(-TAIL_BYTES).split(/\r?\n/);
      const hits: { line: string; cause: string; check: string }[] = [];
      for (const line of lines) {
        const m = LOG_PATTERNS.find((p) => p.re.test(line));
        if (m) hits.push({ line: redactBody(line.slice(0, 300)).replace(/(Bearer\s+)[\w.~+/=-]{8,}/gi, '$1[redacted]'), cause: m.cause, check: m.check });
      }
      const causes = [...new Set(hits.map((h) => h.cause))];
      const evidence = { file, linesRead: lines.length, matches: hits.slice(-10) };
      if (!hits.length) return { status: 'pass', evidence };
      return { status: 'warn', evidence, ...say('claude-log-errors', { name, causes: causes.join('; ') }) };
    },
  },
];
