/**
 * Long runs (doctor, verify, bridge verify): `start` answers a run id at once; the work runs in the
 * background with an AbortSignal; every progress event carries `{ runId, seq }` (seq from 1, per
 * run) and goes only to the caller that started the run. A finished run keeps its steps and
 * report for `getRun`, `exportReport` and fix actions.
 */
import { randomUUID } from 'node:crypto';
import type { CheckResult, ProgressEvent as CoreProgress } from '../contract/check.js';
import type { RunInfo } from '../contract/api-values.js';
import type { ProgressEvent } from '../contract/progress.js';
import { HelperError } from '../core/errors.js';
import { errorResult } from './dispatch.js';

export type RunKind = RunInfo['kind'];

export interface RunWork {
  /**
   * Runs the engine; calls `progress` per check/step and `note` for a run-level message (e.g. a
   * wait for the sign-in); hands every token it obtains to `secret`, so exports mask it; resolves
   * with the report to keep.
   */
  (signal: AbortSignal, progress: (event: CoreProgress) => void, note: (message: string) => void, secret: (value: string) => void): Promise<{ steps: CheckResult[]; report: unknown }>;
}

export interface Run {
  id: string;
  kind: RunKind;
  owner: object;
  controller: AbortController;
  info: RunInfo;
  report?: unknown;
  /** Values to scrub from exported reports (tokens typed or obtained during the run). */
  secrets: string[];
  /** Settles when the work has stopped (finished, failed or cancelled). */
  done: Promise<void>;
}

const MAX_KEPT_RUNS = 50;

export class RunRegistry {
  private readonly runs = new Map<string, Run>();

  start(kind: RunKind, owner: object, send: (event: ProgressEvent) => void, work: RunWork): Run {
    const id = randomUUID();
    const controller = new AbortController();
    let seq = 0;
    const emit = (event: Record<string, unknown>) => send({ ...event, runId: id, seq: ++seq } as ProgressEvent);
    const info: RunInfo = { runId: id, kind, status: 'running', cancelled: false, steps: [], summary: { pass: 0, warn: 0, fail: 0, skip: 0 } };
    const run: Run = { id, kind, owner, controller, info, secrets: [], done: Promise.resolve() };
    this.runs.set(id, run);
    this.trim();
    run.done = (async () => {
      try {
        const { steps, report } = await work(controller.signal, (e) => {
          if (e.phase === 'end' && e.result) info.steps.push(e.result);
          emit({ type: 'step', phase: e.phase, id: e.id, title: e.title, ...(e.result ? { result: e.result } : {}) });
        }, (message) => emit({ type: 'note', message }), (value) => { if (value) run.secrets.push(value); });
        info.steps = steps;
        run.report = report;
        info.cancelled = controller.signal.aborted;
        info.status = info.cancelled ? 'cancelled' : steps.some((s) => s.status === 'fail') ? 'failed' : 'passed';
      } catch (error) {
        info.cancelled = controller.signal.aborted;
        info.status = info.cancelled ? 'cancelled' : 'error';
        if (!info.cancelled) {
          const r = errorResult(error);
          if (!r.ok) info.error = { code: r.error.code, message: r.error.message };
        }
      }
      for (const s of info.steps) info.summary[s.status]++;
      emit({ type: 'done', status: info.status, cancelled: info.cancelled });
    })();
    return run;
  }

  /** The run, if `owner` started it (a caller never sees another caller's runs). */
  get(id: string, owner: object): Run {
    const run = this.runs.get(id);
    if (!run || run.owner !== owner) throw new HelperError('RUN_NOT_FOUND', `There is no run ${id} in this window; start the check again.`);
    return run;
  }

  cancel(id: string, owner: object): boolean {
    const run = this.get(id, owner);
    if (run.info.status !== 'running') return false;
    run.controller.abort(new HelperError('CANCELLED', 'cancelled by the user'));
    return true;
  }

  /** Cancels every running run and waits for each to stop. */
  async dispose(): Promise<void> {
    for (const run of this.runs.values()) if (run.info.status === 'running') run.controller.abort(new HelperError('CANCELLED', 'the app is closing'));
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  private trim(): void {
    for (const [id, run] of this.runs) {
      if (this.runs.size <= MAX_KEPT_RUNS) break;
      if (run.info.status !== 'running') this.runs.delete(id);
    }
  }
}
