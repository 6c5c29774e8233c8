/**
 * startVerify and startBridgeVerify as runs: the engine's verifier (its own OAuth client) and the
 * bridge run (the config's entry spawned as Claude Desktop spawns it), every step streamed.
 * Sign-in pages open through the door's injected opener (the user's default browser, RFC 8252
 * §8.12; never a web view inside the app), or the app's browser command; the bridge run starts
 * Claude Desktop's own entry, which opens the browser itself as it would for Claude.
 */
import { defaultCallbackPort } from '../core/config/entry-builder.js';
import { nodeDeps } from '../core/diagnostics/node-deps.js';
import { loadBridgeEntry } from '../core/mcp/bridge-entry.js';
import { runBridgeVerify } from '../core/mcp/bridge-run.js';
import { runVerify } from '../core/verify/run-verify.js';
import type { BridgeEntryInput, VerifyInput } from '../contract/api-contract.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';
import type { RunWork } from './runs.js';
import { signInOpener } from './sign-in-opener.js';

export function verifyWork(ctx: AppContext, input: VerifyInput): RunWork {
  return async (signal, progress) => {
    const deps = nodeDeps({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir });
    const openBrowser = signInOpener(ctx, input.timeoutMs);
    const scopes = input.scopes?.split(/[\s,]+/).filter(Boolean);
    const result = await runVerify({
      // The redirect URI the setup step shows and the written entry uses, so a refusal names exactly it.
      url: input.url, callbackPort: defaultCallbackPort(input.url),
      ...(input.clientId ? { clientId: input.clientId } : {}), ...(scopes?.length ? { scopes } : {}),
      ...(input.timeoutMs ? { callbackTimeoutMs: input.timeoutMs } : {}),
    }, { fetch: deps.fetch, now: deps.now, openBrowser, onProgress: progress, signal });
    return { steps: result.steps, report: { kind: 'verify', target: { name: 'verify', mcpUrl: input.url, clientId: input.clientId }, ...result } };
  };
}

export function bridgeVerifyWork(ctx: AppContext, input: BridgeEntryInput): RunWork {
  return async (signal, progress) => {
    const { chosen } = await configPathOf(ctx);
    const loaded = await loadBridgeEntry({ configPath: chosen, name: input.name, platform: ctx.platform, env: ctx.env, homedir: ctx.homedir, fs: ctx.fs });
    const report = await runBridgeVerify({
      entry: loaded.entry, platform: ctx.platform, env: ctx.env, cwd: ctx.cwd, homedir: ctx.homedir, tmpdir: ctx.tmpdir,
      ...(ctx.browserCommand ? { browserCommand: ctx.browserCommand } : {}), useBridgeCache: false, owner: 'built-in',
      signal, onProgress: progress,
    });
    return { steps: report.steps, report: { kind: 'bridge-verify', target: { name: loaded.name, configPath: loaded.configPath, mcpUrl: loaded.description.url }, ...report } };
  };
}
