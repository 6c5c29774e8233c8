/**
 * The doctor's `bridge.run` (only under `doctor --bridge`: it opens a browser), as a CheckDef for
 * `runDoctor({ extraChecks: [bridgeRunCheckDef(...)] })`. It takes far longer than the doctor's
 * per-check default (5 s): the runner honours the def's own `timeoutMs` (a login is a human).
 */
import type { CheckDef } from '../diagnostics/types.js';
import { bridgeRunCheck } from './bridge-run.js';

export interface BridgeRunCheckOptions {
  /** Where npx runs (a project with mcp-remote installed resolves it locally). */
  cwd: string;
  /** Where the run's scratch dir is created. */
  tmpdir: string;
  browserCommand?: string;
  useBridgeCache?: boolean;
  owner?: string;
  /** Whole bridge run; default 120 s. */
  timeoutMs?: number;
}

export function bridgeRunCheckDef(options: BridgeRunCheckOptions): CheckDef & { timeoutMs: number } {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return {
    id: 'bridge.run', area: 'bridge', title: 'Claude Desktop\'s command connects through the bridge', needs: ['config.entry-present'], network: true,
    timeoutMs: timeoutMs + 10_000,
    async run(ctx, signal) {
      const entry = ctx.options.target.entry;
      if (!entry) return { status: 'skip', evidence: {}, cause: 'Skipped: no entry to run.' };
      const result = await bridgeRunCheck({
        entry: { command: entry.command, args: entry.args, env: entry.env }, platform: ctx.deps.platform, env: ctx.deps.env,
        cwd: options.cwd, homedir: ctx.deps.homedir, tmpdir: options.tmpdir, ...(options.browserCommand ? { browserCommand: options.browserCommand } : {}),
        useBridgeCache: options.useBridgeCache === true, owner: options.owner ?? 'built-in', timeoutMs, signal,
      });
      return { status: result.status, evidence: result.evidence, ...(result.cause ? { cause: result.cause } : {}),
        ...(result.fix ? { fix: result.fix } : {}), ...(result.fixAction ? { fixAction: result.fixAction } : {}) };
    },
  };
}
