/**
 * startDoctor: the engine's doctor as a run (every check streamed, cancellable). With `signIn`,
 * the doctor signs in first through the verifier's flow (diagnostics/login.ts, the same as the
 * CLI's `doctor --login`), so the token, scope and expiry checks run with a real token; the
 * sign-in page opens as the app opens every sign-in (sign-in-opener.ts).
 */
import { runDoctor, type DoctorInput } from '../core/diagnostics/doctor.js';
import { loginWithVerifier } from '../core/diagnostics/login.js';
import { nodeDeps } from '../core/diagnostics/node-deps.js';
import type { DoctorTarget, TokenSource } from '../core/diagnostics/types.js';
import { DEFAULT_CALLBACK_TIMEOUT_MS } from '../core/oauth/callback-server.js';
import type { DoctorTargetInput } from '../contract/api-contract.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';
import type { RunWork } from './runs.js';
import { signInOpener } from './sign-in-opener.js';

/** The limit on the wait for the person to sign in (the verifier's callback window). */
export const SIGN_IN_TIMEOUT_MS = DEFAULT_CALLBACK_TIMEOUT_MS;

export function doctorWork(ctx: AppContext, target: DoctorTargetInput): RunWork {
  return async (signal, progress, note, secret) => {
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
    if (target.signIn && !input.offline) {
      const openBrowser = signInOpener(ctx, SIGN_IN_TIMEOUT_MS);
      input.login = async (t: DoctorTarget): Promise<TokenSource> => {
        try {
          const token = await loginWithVerifier(t, {
            fetch: deps.fetch, now: deps.now, openBrowser, signal,
            onWaiting: (d) => note(`Waiting for sign-in: finish signing in to the IAM in the browser that opened (up to ${Math.round((d.timeoutMs ?? SIGN_IN_TIMEOUT_MS) / 1000)} s).`),
          }, target.timeoutMs, SIGN_IN_TIMEOUT_MS);
          // Masked in every export of this run, on top of the runner's own scrubbing.
          secret(token.accessToken);
          if (token.refreshToken) secret(token.refreshToken);
          note('Signed in: the token and scope checks run now.');
          return token;
        } catch (error) {
          if (!signal.aborted) note('The sign-in did not complete (see token.login); the checks that need a token are skipped.');
          throw error;
        }
      };
    }
    const report = await runDoctor(input, deps, { signal, onProgress: progress });
    return { steps: report.checks, report };
  };
}
