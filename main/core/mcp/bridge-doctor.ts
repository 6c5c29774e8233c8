/**
 * The doctor's `bridge.run` (only under `doctor --bridge`: it opens a browser), as a CheckDef for
 * `runDoctor({ extraChecks: [bridgeRunCheckDef(...)] })`. It takes far longer than the doctor's
 * per-check default (5 s): the runner honours the def's own `timeoutMs` (a login is a human).
 */
import type { CheckDef } from '../diagnostics/types.js';
import { bridgeRunCheck } from './bridge-run.js';
import { BRIDGE_START_MS, DEFAULT_LOGIN_TIMEOUT_MS } from './bridge-limits.js';

export interface BridgeRunCheckOptions {
  /** Where npx runs (a project with mcp-remote installed resolves it locally). */
  cwd: string;
  /** Where the run's scratch dir is created. */
  tmpdir: string;
  browserCommand?: string;
  useBridgeCache?: boolean;
  owner?: string;
  /** Limit on the wait for the sign-in the bridge asks for (default 120 s); each request gets the doctor's --timeout. */
  loginTimeoutMs?: number;
}

export function bridgeRunCheckDef(options: BridgeRunCheckOptions): CheckDef & { timeoutMs: number } {
  const loginTimeoutMs = options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  return {
    id: 'bridge.run', area: 'bridge', title: 'Claude Desktop\'s command connects through the bridge', needs: ['config.entry-present'], network: true,
    // The runner's bound on the whole check: the bridge's start, a sign-in and a few requests.
    timeoutMs: BRIDGE_START_MS + loginTimeoutMs + 60_000,
    async run(ctx, signal) {
      const entry = ctx.options.target.entry;
      if (!entry) return { status: 'skip', evidence: {}, cause: 'Skipped: no entry to run.' };
      const result = await bridgeRunCheck({
        entry: { command: entry.command, args: entry.args, env: entry.env }, platform: ctx.deps.platform, env: ctx.deps.env,
        cwd: options.cwd, homedir: ctx.deps.homedir, tmpdir: options.tmpdir, ...(options.browserCommand ? { browserCommand: options.browserCommand } : {}),
        useBridgeCache: options.useBridgeCache === true, owner: options.owner ?? 'built-in', requestTimeoutMs: ctx.timeoutMs, loginTimeoutMs, signal,
      });
      return { status: result.status, evidence: result.evidence, ...(result.cause ? { cause: result.cause } : {}),
        ...(result.fix ? { fix: result.fix } : {}), ...(result.fixAction ? { fixAction: result.fixAction } : {}) };
    },
  };
}
