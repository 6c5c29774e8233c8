import { describe, expect, it } from 'vitest';
import { registerIpcHandlers } from '../../../main/electron/ipc-handlers.js';
import type { ApiImplementation } from '../../../main/contract/api-contract.js';
import { API_METHODS, ipcChannel, PROGRESS_CHANNEL } from '../../../main/contract/api-methods.js';
import type { ProgressEvent } from '../../../main/contract/progress.js';
import { RunRegistry } from '../../../main/app/runs.js';
import { HelperError } from '../../../main/core/errors.js';
import { FakeIpcMain, FakeWebContents } from '../../helpers/fake-ipc.js';

const PAGE = 'file:///app/renderer/dist/index.html';

/** A run whose checks are released one by one by the test; honours the abort signal. */
function gatedWork() {
  const gates: (() => void)[] = [];
  const next = () => new Promise<void>((resolve) => gates.push(resolve));
  const work = async (signal: AbortSignal, progress: (e: { id: string; phase: 'start' | 'end'; title: string; result?: never }) => void) => {
    const steps = [];
    for (const id of ['one', 'two', 'three']) {
      progress({ id, phase: 'start', title: id });
      await Promise.race([next(), new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
      const result = { id, status: 'pass' as const, title: id, evidence: {} };
      steps.push(result);
      progress({ id, phase: 'end', title: id, result: result as never });
    }
    return { steps, report: { steps } };
  };
  return { work, release: () => gates.shift()?.() };
}

function setup() {
  const ipc = new FakeIpcMain();
  const runs = new RunRegistry();
  const calls: string[] = [];
  const gate = gatedWork();
  const windows = new Set<number>();
  const bind = (send: (e: ProgressEvent) => void): ApiImplementation => {
    const owner = {};
    const base = Object.fromEntries(API_METHODS.map((m) => [m, async () => { calls.push(m); throw new HelperError('NOT_IN_TEST', `${m} is not part of this test`); }]));
    return {
      ...(base as unknown as ApiImplementation),
      locateConfig: async () => { calls.push('locateConfig'); return { chosen: '/c.json', reason: 'test', exists: false, candidates: [], backupsDir: '/b', chosenBy: 'claude' }; },
      pruneBackups: async (keep) => { calls.push('pruneBackups'); return { removed: [String(keep)] }; },
      startDoctor: async () => ({ runId: runs.start('doctor', owner, send, gate.work as never).id }),
      getRun: async (id) => runs.get(id, owner).info,
      cancel: async (id) => ({ cancelled: runs.cancel(id, owner) }),
    };
  };
  registerIpcHandlers(ipc, { bind, isOwnPage: (u) => u.split('#')[0] === PAGE, isOwnWindow: (s) => windows.has(s.id) });
  const window = (url = PAGE) => { const w = new FakeWebContents(url); windows.add(w.id); return w; };
  return { ipc, runs, calls, gate, window };
}

const progressOf = (w: FakeWebContents) => w.sent.filter((s) => s.channel === PROGRESS_CHANNEL).map((s) => s.args[0] as ProgressEvent);
const until = async (cond: () => boolean) => { for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5)); expect(cond()).toBe(true); };

describe('IPC handlers (door 1)', () => {
  it('registers one handler per API method, on its own channel', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
  });

  it('answers { ok: true, value } for a valid call', async () => {
    const { ipc, window } = setup();
    expect(await ipc.invoke(window(), ipcChannel('pruneBackups'), [3])).toEqual({ ok: true, value: { removed: ['3'] } });
  });

  it('refuses a sender that is not our own page, a subframe, or a window we did not create; nothing runs', async () => {
    const { ipc, calls, window } = setup();
    const foreign = window('https://evil.example/');
    const sub = window();
    const stranger = new FakeWebContents(PAGE);
    for (const [sender, frame] of [[foreign, foreign.mainFrame], [sub, { url: PAGE }], [stranger, stranger.mainFrame], [window(), null]] as const) {
      const r = await ipc.invoke(sender, ipcChannel('locateConfig'), [], frame);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(calls).toEqual([]);
  });

  it('validates arguments with the contract: wrong type, extra argument, unknown key; nothing runs', async () => {
    const { ipc, calls, window } = setup();
    const w = window();
    for (const args of [['3'], [3, 4], [-1]]) {
      const r = await ipc.invoke(w, ipcChannel('pruneBackups'), args);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
      expect((r as { error: { message: string } }).error.message).toMatch(/^pruneBackups: /);
    }
    expect(await ipc.invoke(w, ipcChannel('startDoctor'), [{ url: 'http://127.0.0.1/mcp', evil: true }])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    expect(calls).toEqual([]);
  });

  it('turns a thrown engine error into { ok: false, error: { code, message } } without a stack', async () => {
    const { ipc, window } = setup();
    const r = await ipc.invoke(window(), ipcChannel('readEntries'), []) as { ok: false; error: Record<string, unknown> };
    expect(r).toEqual({ ok: false, error: { code: 'NOT_IN_TEST', message: 'readEntries is not part of this test' } });
  });

  it('sends progress only to the window that started the run, numbered from 1', async () => {
    const { ipc, gate, window } = setup();
    const a = window();
    const b = window();
    const started = await ipc.invoke(a, ipcChannel('startDoctor'), [{}]) as { ok: true; value: { runId: string } };
    const runId = started.value.runId;
    for (let i = 0; i < 3; i++) { await until(() => progressOf(a).length >= 1 + i * 2); gate.release(); }
    await until(() => progressOf(a).some((e) => e.type === 'done'));
    const events = progressOf(a);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e) => e.runId === runId)).toBe(true);
    expect(events.filter((e) => e.type === 'step' && e.phase === 'end').map((e) => (e as { id: string }).id)).toEqual(['one', 'two', 'three']);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'passed', cancelled: false });
    expect(progressOf(b)).toEqual([]);
    // Another window cannot see or cancel it.
    expect(await ipc.invoke(b, ipcChannel('getRun'), [runId])).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
  });

  it('cancel stops a running run: cancelled true, status cancelled, no further steps', async () => {
    const { ipc, window } = setup();
    const a = window();
    const { value: { runId } } = await ipc.invoke(a, ipcChannel('startDoctor'), [{}]) as { value: { runId: string } };
    await until(() => progressOf(a).length >= 1);
    expect(await ipc.invoke(window(), ipcChannel('cancel'), [runId])).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
    expect(await ipc.invoke(a, ipcChannel('cancel'), [runId])).toEqual({ ok: true, value: { cancelled: true } });
    await until(() => progressOf(a).some((e) => e.type === 'done'));
    expect(progressOf(a).at(-1)).toMatchObject({ type: 'done', status: 'cancelled', cancelled: true });
    expect(await ipc.invoke(a, ipcChannel('getRun'), [runId])).toMatchObject({ ok: true, value: { status: 'cancelled', cancelled: true, steps: [] } });
    expect(await ipc.invoke(a, ipcChannel('cancel'), [runId])).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('stops sending to a closed window', async () => {
    const { ipc, gate, window } = setup();
    const a = window();
    await ipc.invoke(a, ipcChannel('startDoctor'), [{}]);
    await until(() => progressOf(a).length >= 1);
    a.destroy();
    const before = a.sent.length;
    gate.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(a.sent.length).toBe(before);
  });
});
