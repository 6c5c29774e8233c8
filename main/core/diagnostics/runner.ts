/**
 * Runs checks concurrently: each starts as soon as the checks it `needs` have settled, with its
 * own timeout. A check whose dependency failed or was skipped is `skip` with the reason, so one
 * unreachable host costs one timeout, not one per check. A throwing check becomes `fail` with the
 * error as evidence; the run itself never throws (docs/architecture.md, Conventions 6).
 */
import type { CheckResult, OnProgress } from '../../contract/check.js';
import { redactEvidence } from '../http/redact.js';
import type { CheckContext, CheckDef, DoctorDeps, DoctorOptions, Outcome } from './types.js';
import { skipWords, timeoutWords, crashWords } from './words.js';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: OnProgress;
}

function blocking(def: CheckDef, outcomes: Map<string, Outcome>): { id: string; outcome: Outcome } | undefined {
  for (const need of def.needs ?? []) {
    const o = outcomes.get(need);
    if (!o) return { id: need, outcome: { status: 'skip', evidence: {} } };
    if (o.status === 'fail' || (o.status === 'skip' && !o.notApplicable)) return { id: need, outcome: o };
  }
  return undefined;
}

/** A check the run's cancel reached: not failed, not finished. */
export const cancelledOutcome = (evidence: Record<string, unknown> = {}): Outcome => ({ status: 'skip', evidence: { ...evidence, reason: 'cancelled' }, ...skipWords('aborted') });

async function withTimeout(def: CheckDef, ctx: CheckContext, parent: AbortSignal | undefined): Promise<Outcome> {
  const controller = new AbortController();
  // The cancel ends the check at once (its own requests see the same signal and stop).
  let cancelled: (outcome: Outcome) => void = () => undefined;
  const cancel = new Promise<Outcome>((resolve) => { cancelled = resolve; });
  const onAbort = () => { controller.abort(parent?.reason); cancelled(cancelledOutcome()); };
  parent?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const limitMs = def.timeoutMs ?? ctx.timeoutMs;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      resolve({ status: 'fail', evidence: { timeoutMs: limitMs }, ...timeoutWords(def.id, limitMs) });
    }, limitMs);
  });
  try {
    const outcome = await Promise.race([
      def.run(ctx, controller.signal).catch((error: unknown): Outcome => ({
        status: 'fail', evidence: { error: error instanceof Error ? error.message : String(error) }, ...crashWords(def.id),
      })),
      timeout,
      cancel,
    ]);
    return parent?.aborted && outcome.status === 'fail' ? cancelledOutcome(outcome.evidence) : outcome;
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onAbort);
  }
}

/** Every result passes the redaction rules and has every known secret masked (belt and braces over per-check redaction). */
function scrub(result: CheckResult, secrets: string[]): CheckResult {
  return redactEvidence(result, secrets);
}

export async function runChecks(defs: CheckDef[], deps: DoctorDeps, options: DoctorOptions, run: RunOptions = {}): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memos = new Map<string, Promise<unknown>>();
  const outcomes = new Map<string, Outcome>();
  const secrets = [options.token?.accessToken, options.token?.refreshToken].filter((s): s is string => !!s);
  const ctx: CheckContext = {
    deps, options, timeoutMs, secrets,
    memo: <T>(key: string, make: () => Promise<T>) => {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as Promise<T>;
    },
    result: (id) => outcomes.get(id),
  };
  const tokenReady = (options.pendingToken ?? Promise.resolve(undefined)).then((t) => {
    if (!t) return;
    options.token = t;
    secrets.push(...[t.accessToken, t.refreshToken].filter((s): s is string => !!s));
  }, () => undefined);
  const byId = new Map(defs.map((d) => [d.id, d]));
  const promises = new Map<string, Promise<CheckResult>>();

  const start = (def: CheckDef): Promise<CheckResult> => {
    const existing = promises.get(def.id);
    if (existing) return existing;
    const p = (async (): Promise<CheckResult> => {
      await Promise.all([...(def.needs ?? []), ...(def.after ?? [])].map((n) => { const d = byId.get(n); return d ? start(d) : undefined; }));
      if (def.needsToken) await tokenReady;
      const began = deps.now();
      let outcome: Outcome;
      const blocker = blocking(def, outcomes);
      if (run.signal?.aborted) outcome = cancelledOutcome();
      else if (options.offline && def.network) outcome = { status: 'skip', evidence: {}, ...skipWords('offline') };
      else if (def.needsToken && !options.token) outcome = { status: 'skip', evidence: {}, ...skipWords('no-token') };
      else if (blocker) outcome = { status: 'skip', evidence: { blockedBy: blocker.id }, ...skipWords('blocked', blocker.id, blocker.outcome.status) };
      else {
        run.onProgress?.({ id: def.id, phase: 'start', title: def.title });
        outcome = await withTimeout(def, ctx, run.signal);
      }
      outcomes.set(def.id, outcome);
      const { notApplicable: _na, ...rest } = outcome;
      const result = scrub({ id: def.id, title: def.title, ...rest, durationMs: deps.now() - began }, secrets);
      run.onProgress?.({ id: def.id, phase: 'end', title: def.title, result });
      return result;
    })();
    promises.set(def.id, p);
    return p;
  };
  return Promise.all(defs.map(start));
}
