/**
 * The one API client: door 1 when the desktop window's preload exposed `window.helper`, door 2
 * (HTTP to the loopback server) otherwise. Pages cannot tell which door they use.
 */
import { httpClient } from './http-door.js';
import type { ApiClient } from './types.js';

export function pickClient(ready?: Promise<unknown>): ApiClient {
  const helper = window.helper;
  if (helper) return { api: helper, door: 'electron', onProgress: (listener) => helper.onProgress(listener) };
  return httpClient(ready);
}
