/**
 * The CLI's words for a long wait announced by a progress event's `detail` (a sign-in): what it
 * waits for, the limit, then the time left every `everyMs` until the next event ends the wait.
 */
import type { ProgressEvent } from '../contract/check.js';

export interface WaitNotice {
  /** Feed every progress event: a start with `detail.waitingFor === 'sign-in'` opens a wait, any later event closes it. */
  onEvent(event: ProgressEvent, lead: string): void;
  stop(): void;
}

export function waitNotice(write: (text: string) => void, now: () => number = Date.now, everyMs = 30_000): WaitNotice {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => { clearInterval(timer); timer = undefined; };
  return {
    onEvent(event, lead) {
      stop();
      const d = event.detail;
      if (event.phase !== 'start' || d?.waitingFor !== 'sign-in' || d.timeoutMs === undefined) return;
      write(`${lead} (up to ${Math.round(d.timeoutMs / 1000)} s)...\n`);
      const deadline = d.deadline ?? now() + d.timeoutMs;
      // A notice only: it must not keep the process alive by itself.
      timer = setInterval(() => {
        const left = Math.round((deadline - now()) / 1000);
        if (left > 0) write(`  still waiting for the sign-in: ${left} s left\n`);
      }, everyMs);
      timer.unref();
    },
    stop,
  };
}
