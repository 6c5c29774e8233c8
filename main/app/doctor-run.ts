/** startDoctor: the engine's doctor as a run (every check streamed, cancellable). */
import { runDoctor, type DoctorInput } from '../core/diagnostics/doctor.js';
import { nodeDeps } from '../core/diagnostics/node-deps.js';
import type { DoctorTargetInput } from '../shared/api-contract.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';
import type { RunWork } from './runs.js';

export function doctorWork(ctx: AppContext, target: DoctorTargetInput): RunWork {
  return async (signal, progress) => {
    const { chosen } = await configPathOf(ctx);
    const input: DoctorInput = {
      configPath: chosen,
      ...(target.name ? { name: target.name } : {}),
      ...(target.url ? { url: target.url } : {}),
      ...(target.clientId ? { clientId: target.clientId } : {}),
      ...(target.scopes !== undefined ? { scopes: target.scopes } : {}),
      useBridgeCache: target.useBridgeCache === true, offline: target.offline === true, probeWrite: target.probeWrite === true,
      ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    };
    const deps = nodeDeps({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir });
    const report = await runDoctor(input, deps, { signal, onProgress: progress });
    return { steps: report.checks, report };
  };
}
