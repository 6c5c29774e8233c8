/**
 * The app's API implemented once over the engine. `forCaller(send)` gives one caller (a window,
 * or the browser door's session) its view of the API: runs it starts report progress through its
 * own `send`, and it sees only its own runs.
 */
import type { ApiImplementation } from '../contract/api-contract.js';
import type { ProgressEvent } from '../contract/progress.js';
import { HelperError } from '../core/errors.js';
import type { AppContext } from './app-context.js';
import { configApi } from './config-api.js';
import { doctorWork } from './doctor-run.js';
import { RunRegistry, type Run } from './runs.js';
import { probeInstance } from './probe-instance.js';
import { claudeStatus } from './claude-status.js';
import { checkRedirectUris } from './redirect-check.js';
import { bridgeVerifyWork, verifyWork } from './verify-runs.js';
import { readClaudeLogs } from './claude-logs.js';
import { exportReport } from './export-report.js';
import { applyFix, previewFix } from './fix-actions.js';
import type { FetchLike } from '../core/http/exchange.js';
import { applyPatch } from './settings.js';
import { openFolder } from './open-paths.js';
import { routeApi } from './route-api.js';
import type { Settings, RecentInstance } from '../contract/api-values.js';

export interface HelperAppOptions {
  /** Shown on the setup page (a demo or a launch with a URL and client ID). */
  prefill?: RecentInstance;
  door: 'electron' | 'browser';
}

export interface HelperApp {
  forCaller(send: (event: ProgressEvent) => void): ApiImplementation;
  /** Cancels running runs and waits for them to stop. */
  dispose(): Promise<void>;
}

const finished = (run: Run): Run => {
  if (run.info.status === 'running') throw new HelperError('RUN_STILL_RUNNING', 'This run has not finished yet; wait for it, then apply the fix.');
  return run;
};

export function createHelperApp(ctx: AppContext, options: HelperAppOptions): HelperApp {
  const runs = new RunRegistry();
  const fetchFn: FetchLike = ctx.fetch ?? ((input, init) => fetch(input, init));
  const config = configApi(ctx);
  const routes = routeApi(ctx);
  const settingsValue = (): Settings => {
    const s = ctx.settings.read();
    return {
      recentInstances: s.recentInstances, lastPage: s.lastPage, door: options.door,
      ...(options.prefill ? { prefill: options.prefill } : {}),
      ...(s.route ? { route: s.route } : {}),
      rememberSignInAvailable: ctx.vault.persistent, ...(ctx.vault.note ? { rememberSignInNote: ctx.vault.note } : {}),
    };
  };
  return {
    forCaller(send) {
      const owner = {};
      return {
        ...config,
        ...routes,
        probeInstance: (url) => probeInstance(fetchFn, url),
        claudeStatus: () => claudeStatus(ctx),
        checkRedirectUris: (input) => checkRedirectUris(fetchFn, ctx.platform, input),
        startDoctor: async (target) => ({ runId: runs.start('doctor', owner, send, doctorWork(ctx, target)).id }),
        startVerify: async (input) => ({ runId: runs.start('verify', owner, send, verifyWork(ctx, input)).id }),
        startBridgeVerify: async (entry) => ({ runId: runs.start('bridge-verify', owner, send, bridgeVerifyWork(ctx, entry)).id }),
        getRun: async (runId) => runs.get(runId, owner).info,
        cancel: async (runId) => ({ cancelled: runs.cancel(runId, owner) }),
        exportReport: (runId, format) => exportReport(ctx, runs.get(runId, owner), format),
        previewFix: (runId, findingId) => previewFix(ctx, finished(runs.get(runId, owner)), findingId),
        applyFix: (runId, findingId, sha256) => applyFix(ctx, finished(runs.get(runId, owner)), findingId, sha256),
        readClaudeLogs: (name) => readClaudeLogs(ctx, name || undefined),
        openPath: (target) => openFolder(ctx, target),
        copyText: async (text) => ({ copied: await ctx.effects.copyText(text) }),
        getSettings: async () => settingsValue(),
        saveSettings: async (patch) => {
          ctx.settings.write(applyPatch(ctx.settings.read(), patch));
          return settingsValue();
        },
      };
    },
    dispose: () => runs.dispose(),
  };
}
