/**
 * startVerify and startBridgeVerify as runs. Sign-in pages open through the door's injected
 * opener (the user's default browser, RFC 8252 §8.12; never a web view inside the app); the
 * bridge run starts Claude Desktop's own entry, which opens the browser itself as it would for
 * Claude, unless the app was given a browser command.
 */
import { nodeDeps } from '../core/diagnostics/node-deps.js';
import { loadBridgeEntry } from '../core/mcp/bridge-entry.js';
import { runBridgeVerify } from '../core/mcp/bridge-run.js';
import { commandBrowser } from '../core/verify/browser.js';
import { runVerify } from '../core/verify/run-verify.js';
import type { BridgeEntryInput, VerifyInput } from '../shared/api-contract.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';
import type { RunWork } from './runs.js';

export const BRIDGE_RUN_TIMEOUT_MS = 120_000;

export function verifyWork(ctx: AppContext, input: VerifyInput): RunWork {
  return async (signal, progress) => {
    const deps = nodeDeps({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir });
    const openBrowser = ctx.browserCommand
      ? commandBrowser(ctx.browserCommand, { env: ctx.env, platform: ctx.platform })
      : (url: string, s: AbortSignal) => ctx.effects.openBrowser(url, s);
    const result = await runVerify({
      url: input.url, ...(input.clientId ? { clientId: input.clientId } : {}),
      ...(input.scopes ? { scopes: input.scopes.split(/[\s,]+/).filter(Boolean) } : {}),
      ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    }, { fetch: deps.fetch, now: deps.now, openBrowser, signal, onProgress: progress });
    return { steps: result.steps, report: { kind: 'verify', target: { name: 'verify', mcpUrl: input.url, clientId: input.clientId }, ...result } };
  };
}

export function bridgeVerifyWork(ctx: AppContext, entry: BridgeEntryInput): RunWork {
  return async (signal, progress) => {
    const { chosen } = await configPathOf(ctx);
    const loaded = await loadBridgeEntry({ configPath: chosen, name: entry.name, platform: ctx.platform, env: ctx.env, homedir: ctx.homedir, fs: ctx.fs });
    const report = await runBridgeVerify({
      entry: loaded.entry, platform: ctx.platform, env: ctx.env, cwd: ctx.cwd, homedir: ctx.homedir, tmpdir: ctx.tmpdir,
      ...(ctx.browserCommand ? { browserCommand: ctx.browserCommand } : {}), timeoutMs: BRIDGE_RUN_TIMEOUT_MS, signal, onProgress: progress,
    });
    return { steps: report.steps, report: { kind: 'bridge-verify', target: { name: loaded.name, configPath: loaded.configPath, mcpUrl: loaded.description.url }, ...report } };
  };
}
