/**
 * The bridge run's own steps (the MCP ones are in bridge-mcp.ts, the findings in
 * bridge-findings.ts), as CheckResults with stable ids.
 */
import type { CheckResult } from '../../contract/check.js';
import { redactArgs, redactText } from '../http/redact.js';
import type { LoginRecord } from './bridge-login.js';
import type { CommandLocation } from './bridge-path.js';
import type { Limit } from './bridge-limits.js';

export function pathStep(where: CommandLocation, platform: NodeJS.Platform, used: { path: string; from: string }): CheckResult {
  const title = 'Claude Desktop finds the command';
  const evidence = { command: where.command, guiPath: where.guiPath, loginShellPath: where.loginPath ?? '(not available)',
    foundOnGuiPath: where.inGui ?? null, foundOnLoginShellPath: where.inLogin ?? null, spawnedWithPath: used.from };
  if (where.inGui) return { id: 'config.command-resolvable', status: 'pass', title, evidence };
  const elsewhere = where.inLogin ?? where.inCurrent;
  if (elsewhere) {
    return { id: 'config.command-resolvable', status: platform === 'linux' ? 'warn' : 'fail', title, evidence, fixAction: { action: 'config.rewrite-entry' },
      cause: `"${where.command}" is found only on your ${where.inLogin ? 'login shell\'s' : 'terminal\'s'} PATH (${elsewhere}), not on the PATH a GUI-launched Claude Desktop gets (${where.guiPath}); GUI apps do not read your shell's profile${platform === 'linux' ? ' (this run used your PATH, as a desktop session that sources ~/.profile would)' : ''}.`,
      fix: `Use the absolute path ${elsewhere} as "command" (its node must be reachable too: put its folder in the entry's env PATH).` };
  }
  return { id: 'config.command-resolvable', status: 'fail', title, evidence,
    cause: `"${where.command}" is not found on the PATH Claude Desktop gets (${where.guiPath}) nor on your login shell's.`,
    fix: 'Install Node.js 20+ (it brings npx), or use the absolute path of npx as "command".' };
}

export function spawnStep(s: { pid?: number; error?: NodeJS.ErrnoException; entry: { command: string; args: string[] }; cwd: string; configDir: string; hook: boolean; where: CommandLocation }): CheckResult {
  const title = 'The bridge starts as Claude Desktop starts it';
  const evidence = { command: s.entry.command, args: redactArgs(s.entry.args), cwd: s.cwd, mcpRemoteConfigDir: s.configDir,
    browserHook: s.hook, ...(s.pid !== undefined ? { pid: s.pid } : {}) };
  if (!s.error) return { id: 'bridge.spawn', status: 'pass', title, evidence };
  return { id: 'bridge.spawn', status: 'fail', title, evidence: { ...evidence, error: `${s.error.code ?? ''} ${s.error.message}`.trim() },
    cause: s.error.code === 'ENOENT'
      ? `spawn ${s.entry.command} ENOENT: the command is not on the PATH Claude Desktop gets (${s.where.guiPath}).`
      : `The command could not be started (${s.error.message}).`,
    fix: s.where.inLogin ? `Use the absolute path ${s.where.inLogin} as "command".` : 'Check "command" in the entry.', fixAction: { action: 'config.rewrite-entry' } };
}

/** `mcpOk`: the MCP steps after the sign-in passed (the only proof a login in the user's own browser completed). */
export function loginStep(records: LoginRecord[], browserCommand: string | undefined, stderr = '', mcpOk = false): CheckResult {
  const title = 'The bridge signs in through the browser';
  if (records.length === 0) {
    return { id: 'bridge.login', status: 'skip', title, evidence: {},
      cause: /Browser opened automatically|Please authorize/.test(stderr)
        ? 'Skipped: the bridge asked for a sign-in that was not seen through.'
        : 'Skipped: the bridge did not ask for a sign-in (a cached token, or the run ended before it).' };
  }
  const last = records[records.length - 1]!;
  const evidence = { authorizationUrls: records.map((r) => r.url), redirectUri: last.redirectUri,
    ...(last.probe ? { authorizationEndpoint: last.probe } : {}),
    ...(last.browser ? { browserCommand: { command: last.browser.command, exitCode: last.browser.exitCode, timedOut: last.browser.timedOut,
      durationMs: last.browser.durationMs, output: redactText(last.browser.output.slice(-800)), processGroupGone: last.browser.reaped } } : {}) };
  if (!browserCommand) {
    if (mcpOk) return { id: 'bridge.login', status: 'pass', title, evidence };
    const opened = /Browser opened automatically/.test(stderr) ? 'The bridge opened your browser' : /Could not open a browser automatically/.test(stderr)
      ? 'The bridge could not open a browser' : 'The bridge asked for a sign-in';
    return { id: 'bridge.login', status: 'fail', title, evidence,
      cause: `${opened}, and the sign-in did not complete before the run ended.`,
      fix: 'Complete the sign-in in the browser (or open the URL in the evidence), and see the findings below.' };
  }
  if (last.browser?.exitCode === 0) return { id: 'bridge.login', status: 'pass', title, evidence };
  const refused = last.probe?.status !== undefined && last.probe.status >= 400
    ? `The authorization endpoint refused the request (${last.probe.status}: ${(last.probe.body ?? '').split('\n')[0]?.slice(0, 160)}).` : undefined;
  const browser = last.browser;
  const ended = !browser ? undefined
    : browser.timedOut ? 'The browser command timed out before reaching the redirect URI.'
      : browser.exitCode === null ? 'The browser command was stopped when the run ended.'
        : `The browser command exited ${browser.exitCode} before reaching the redirect URI.`;
  return { id: 'bridge.login', status: 'fail', title, evidence,
    cause: [refused, ended].filter(Boolean).join(' ') || 'The sign-in did not complete.',
    fix: 'See the findings below (redirect URI, client) and the authorization endpoint\'s answer in the evidence.' };
}

/** The limit that passed (bridge-limits.ts): the sign-in wait, one request, the start, or the whole run. */
export function timeoutStep(limit: Limit, phase: string, urls: number): CheckResult {
  const s = Math.round(limit.ms / 1000);
  const at = `it was at ${phase}${urls > 0 ? ' after the bridge asked for a sign-in' : ''}`;
  // Words both doors show; the limit to raise travels as the fixAction (docs/fix-actions.md).
  const cause = limit.kind === 'sign-in' ? `No sign-in completed within ${s} s; ${at}.`
    : limit.kind === 'request' ? `The bridge did not answer ${limit.what} within ${limit.ms} ms; ${at}.`
      : limit.kind === 'start' ? `The bridge did not start within ${s} s (npx may still be installing it); ${at}.`
        : `The run did not finish within ${s} s; ${at}.`;
  return { id: 'bridge.timeout', status: 'fail', title: 'The bridge verification finishes in time',
    evidence: { timeoutMs: limit.ms, limit: limit.kind, waitingFor: limit.what, stuckAt: phase, signInsStarted: urls }, cause,
    ...(limit.kind === 'sign-in' ? { fixAction: { action: 'run.raise-sign-in-timeout' } } : limit.kind === 'request' ? { fixAction: { action: 'run.raise-timeout' } } : {}),
    fix: limit.kind === 'sign-in' ? 'Complete the sign-in in the browser within the time (or allow more time for it), and check the findings for a refused login.'
      : limit.kind === 'request' ? 'Check the network to the IAM server (or allow a longer time limit if it is just slow); the bridge\'s stderr is in bridge.cleanup.'
        : urls > 0 ? 'Complete the sign-in in the browser sooner, or check the findings for a refused login.'
          : 'Check the network to the IAM server and the npm registry; the bridge\'s stderr is in bridge.cleanup.' };
}

export function cleanupStep(pid: number, alive: number[], exit: { code: number | null; signal: NodeJS.Signals | null } | undefined, stderrTail: string): CheckResult {
  const title = 'No bridge process is left running';
  const evidence = { pid, processGroupGone: alive.length === 0, exit: exit ?? null, stderrTail };
  if (alive.length === 0) return { id: 'bridge.cleanup', status: 'pass', title, evidence };
  return { id: 'bridge.cleanup', status: 'fail', title, evidence, cause: `Processes of the bridge's group ${pid} survived SIGKILL.`, fix: `kill -9 -${pid}` };
}
