/**
 * A fake of the renderer's API client (the interface pages use, not the engine): every method
 * answers a Result from `answers` (or a default), records its calls, and progress events are
 * pushed by the test with `emit`.
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { API_METHODS, type ApiMethod } from '../../../main/contract/api-methods.js';
import type { Result } from '../../../main/contract/result.js';
import type { ApiClient, HelperApi, ProgressEvent, ProgressListener } from '../../../renderer/src/api/types.js';
import { ApiContext } from '../../../renderer/src/api/context.js';

type Answer = (...args: unknown[]) => Result<unknown> | Promise<Result<unknown>>;

export const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
export const fail = (message: string, code = 'TEST_ERROR'): Result<never> => ({ ok: false, error: { code, message } });

const DEFAULTS: Partial<Record<ApiMethod, Answer>> = {
  getSettings: () => ok({ recentInstances: [], lastPage: 'setup' }),
  saveSettings: () => ok({ recentInstances: [], lastPage: 'setup' }),
  locateConfig: () => ok({ chosen: '/home/u/.config/Claude/claude_desktop_config.json', reason: 'Claude Desktop on Linux reads this file.', exists: true, candidates: [], backupsDir: '/b', chosenBy: 'claude' }),
  readEntries: () => ok({ configPath: '/home/u/.config/Claude/claude_desktop_config.json', exists: true, entries: [] }),
  previewSetup: () => ok({ configPath: '/c.json', name: 'iam', changed: true, created: false, replacedEntry: false, diff: '', redirectUris: ['http://127.0.0.1:25000/callback'], scopes: [], warnings: [], sha256: '' }),
  cancel: () => ok({ cancelled: true }),
};

export interface FakeClient {
  client: ApiClient;
  calls: { method: ApiMethod; args: unknown[] }[];
  emit(event: ProgressEvent): void;
  callsOf(method: ApiMethod): unknown[][];
}

export function fakeClient(answers: Partial<Record<ApiMethod, Answer>> = {}, door: ApiClient['door'] = 'browser'): FakeClient {
  const calls: FakeClient['calls'] = [];
  const listeners = new Set<ProgressListener>();
  const api = Object.fromEntries(API_METHODS.map((m) => [m, async (...args: unknown[]) => {
    calls.push({ method: m, args });
    const answer = answers[m] ?? DEFAULTS[m];
    return answer ? answer(...args) : fail(`${m} is not faked`);
  }])) as unknown as HelperApi;
  return {
    client: { api, door, onProgress: (l) => { listeners.add(l); return () => { listeners.delete(l); }; } },
    calls,
    emit: (e) => { for (const l of listeners) l(e); },
    callsOf: (m) => calls.filter((c) => c.method === m).map((c) => c.args),
  };
}

export function renderWith(fake: FakeClient, ui: ReactElement) {
  return render(<ApiContext.Provider value={fake.client}>{ui}</ApiContext.Provider>);
}
