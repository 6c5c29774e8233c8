import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResultValue, RunStatus } from '../../../main/contract/api-values.js';
import type { Result } from '../../../main/contract/result.js';
import type { ProgressEvent } from './types.js';
import { useClient } from './context.js';

export interface RunState {
  runId?: string;
  status: RunStatus | 'idle';
  cancelled: boolean;
  /** Steps in the order they started; `result` once each ended. */
  steps: { id: string; title: string; result?: CheckResultValue }[];
  error?: string;
  /** The run's latest note while it runs (e.g. that it waits for the sign-in). */
  note?: string;
}

type StepList = RunState['steps'];

function applyEvent(s: RunState, e: ProgressEvent): RunState {
  if (e.type === 'done') return { ...s, status: e.status, cancelled: e.cancelled };
  if (e.type === 'note') return { ...s, note: e.message };
  if (e.type !== 'step') return s;
  const steps: StepList = [...s.steps];
  const at = steps.findIndex((x) => x.id === e.id);
  const step = { id: e.id, title: e.title, result: e.result };
  if (at >= 0) steps[at] = step; else steps.push(step);
  return { ...s, steps };
}

/**
 * Starts a long run (a start* method), follows its progress events, and cancels it. Events that
 * arrive before the start call answers with the run id are kept and replayed; when the run ends,
 * the run's stored record (getRun) is the final word on its steps and error.
 */
export function useRun() {
  const client = useClient();
  const [state, setState] = useState<RunState>({ status: 'idle', cancelled: false, steps: [] });
  const current = useRef<string | undefined>(undefined);
  const early = useRef<ProgressEvent[]>([]);

  const settle = useCallback(async (runId: string) => {
    const r = await client.api.getRun(runId);
    if (!r.ok || current.current !== runId) return;
    const info = r.value;
    setState((s) => {
      const titles = new Map(s.steps.map((x) => [x.id, x.title]));
      const steps = info.steps.length ? info.steps.map((x) => ({ id: x.id, title: titles.get(x.id) ?? x.title, result: x })) : s.steps;
      return { ...s, status: info.status, cancelled: info.cancelled, steps, ...(info.error ? { error: info.error.message } : {}) };
    });
  }, [client]);

  useEffect(() => client.onProgress((e) => {
    if (current.current === undefined) { early.current.push(e); return; }
    if (e.runId !== current.current) return;
    setState((s) => applyEvent(s, e));
    if (e.type === 'done') void settle(e.runId);
  }), [client, settle]);

  const start = useCallback(async (begin: () => Promise<Result<{ runId: string }>>) => {
    current.current = undefined;
    early.current = [];
    setState({ status: 'running', cancelled: false, steps: [] });
    const r = await begin();
    if (!r.ok) { setState({ status: 'error', cancelled: false, steps: [], error: r.error.message }); return; }
    const runId = r.value.runId;
    current.current = runId;
    const mine = early.current.filter((e) => e.runId === runId);
    early.current = [];
    setState((s) => mine.reduce(applyEvent, { ...s, runId }));
    if (mine.some((e) => e.type === 'done')) void settle(runId);
  }, [settle]);

  const cancel = useCallback(async () => {
    if (current.current) await client.api.cancel(current.current);
  }, [client]);

  const reset = useCallback(() => {
    current.current = undefined;
    setState({ status: 'idle', cancelled: false, steps: [] });
  }, []);

  return { state, start, cancel, reset };
}
