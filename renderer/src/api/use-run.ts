import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResultValue, RunStatus } from '../../../main/shared/api-values.js';
import type { Result } from '../../../main/shared/result.js';
import { useClient } from './context.js';

export interface RunState {
  runId?: string;
  status: RunStatus | 'idle';
  cancelled: boolean;
  /** Steps in the order they started; `result` once each ended. */
  steps: { id: string; title: string; result?: CheckResultValue }[];
  error?: string;
}

/** Starts a long run (a start* method), follows its progress events, and cancels it. */
export function useRun() {
  const client = useClient();
  const [state, setState] = useState<RunState>({ status: 'idle', cancelled: false, steps: [] });
  const current = useRef<string | undefined>(undefined);

  useEffect(() => client.onProgress((e) => {
    if (e.runId !== current.current) return;
    setState((s) => {
      if (e.type === 'done') return { ...s, status: e.status, cancelled: e.cancelled };
      if (e.type !== 'step') return s;
      const steps = [...s.steps];
      const at = steps.findIndex((x) => x.id === e.id);
      const step = { id: e.id, title: e.title, result: e.result };
      if (at >= 0) steps[at] = step; else steps.push(step);
      return { ...s, steps };
    });
  }), [client]);

  const start = useCallback(async (begin: () => Promise<Result<{ runId: string }>>) => {
    setState({ status: 'running', cancelled: false, steps: [] });
    const r = await begin();
    if (!r.ok) { setState({ status: 'error', cancelled: false, steps: [], error: r.error.message }); return; }
    current.current = r.value.runId;
    setState((s) => ({ ...s, runId: r.value.runId }));
  }, []);

  const cancel = useCallback(async () => {
    if (current.current) await client.api.cancel(current.current);
  }, [client]);

  return { state, start, cancel };
}
