import { afterEach, expect, it, vi } from 'vitest';
import { waitNotice } from '../../../main/cli/wait-notice.js';

afterEach(() => { vi.useRealTimers(); });

it('announces a sign-in wait with its limit, tells the time left, and stops at the next event', () => {
  vi.useFakeTimers();
  const lines: string[] = [];
  const notice = waitNotice((t) => lines.push(t), Date.now, 30_000);
  notice.onEvent({ id: 'bridge.login', phase: 'start', title: 'sign in', detail: { waitingFor: 'sign-in', timeoutMs: 120_000, deadline: Date.now() + 120_000 } }, 'Waiting for the sign-in');
  expect(lines).toEqual(['Waiting for the sign-in (up to 120 s)...\n']);
  vi.advanceTimersByTime(30_000);
  expect(lines[1]).toBe('  still waiting for the sign-in: 90 s left\n');
  notice.onEvent({ id: 'mcp.tool-call', phase: 'end', title: 'x' }, 'Waiting');
  vi.advanceTimersByTime(60_000);
  expect(lines).toHaveLength(2);
});

it('says nothing for a start that waits for no sign-in', () => {
  const lines: string[] = [];
  waitNotice((t) => lines.push(t)).onEvent({ id: 'mcp.initialize', phase: 'start', title: 'x', detail: { waitingFor: 'mcp.initialize', timeoutMs: 10_000 } }, 'Waiting');
  expect(lines).toEqual([]);
});
