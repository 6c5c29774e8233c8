/**
 * Door 2 from the page's side: the API over HTTP POST to the loopback server that served this
 * page. The launch token arrives once in the URL fragment (never sent to any server by the
 * browser); the page trades it for an HttpOnly cookie and removes it from the address bar.
 */
import { API_METHODS, httpRoute, type ApiMethod } from '../../../main/contract/api-methods.js';
import type { Result } from '../../../main/contract/result.js';
import type { ApiClient, HelperApi, ProgressEvent, ProgressListener } from './types.js';

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
}

async function call(ready: Promise<unknown>, method: ApiMethod, args: unknown[]): Promise<Result<unknown>> {
  // Every call waits for the launch token's trade, so pages may call as soon as they render.
  await ready;
  try {
    const res = await post(`.${httpRoute(method)}`, { args });
    const body = (await res.json()) as Result<unknown>;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
    return { ok: false, error: { code: 'BAD_RESPONSE', message: `The helper answered ${res.status} without a result; restart iam-mcp-helper ui.` } };
  } catch {
    return { ok: false, error: { code: 'DISCONNECTED', message: 'The helper is not answering. Is `iam-mcp-helper ui` still running? Start it again and open the new link.' } };
  }
}

/** Trades a `#token=…` fragment for the session cookie, once. Returns an error sentence or null. */
export async function exchangeLaunchToken(): Promise<string | null> {
  const match = /^#token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  try {
    const res = await post('./api/session', { token: match[1] });
    if (res.ok) return null;
  } catch { /* reported below */ }
  return 'This link has already been used. Each link printed by `iam-mcp-helper ui` opens the app once; run it again for a new link.';
}

function streamProgress(ready: Promise<unknown>, listeners: Set<ProgressListener>): void {
  let delay = 500;
  const connect = async (): Promise<void> => {
    try {
      const res = await post('./api/events', {});
      if (!res.ok || !res.body) throw new Error(String(res.status));
      delay = 500;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = chunk.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          const event = JSON.parse(data) as ProgressEvent;
          for (const l of listeners) l(event);
        }
      }
    } catch { /* reconnect below */ }
    delay = Math.min(delay * 2, 10_000);
    setTimeout(() => void connect(), delay);
  };
  void ready.then(connect);
}

/** The client over HTTP; `ready` settles once the session cookie is in place (the launch token traded). */
export function httpClient(ready: Promise<unknown> = Promise.resolve()): ApiClient {
  const listeners = new Set<ProgressListener>();
  let streaming = false;
  const api = Object.fromEntries(API_METHODS.map((m) => [m, (...args: unknown[]) => call(ready, m, args)])) as unknown as HelperApi;
  // The browser's own clipboard (the loopback server has none); the server is asked only as a fallback.
  api.copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return { ok: true, value: { copied: true } };
    } catch {
      return call(ready, 'copyText', [text]) as ReturnType<HelperApi['copyText']>;
    }
  };
  return {
    api,
    door: 'browser',
    onProgress(listener) {
      listeners.add(listener);
      if (!streaming) { streaming = true; streamProgress(ready, listeners); }
      return () => listeners.delete(listener);
    },
  };
}
