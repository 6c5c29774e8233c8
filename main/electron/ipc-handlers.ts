/**
 * Door 1's IPC: one `ipcMain.handle` per API method, registered from the contract. Each handler
 * checks the sender (a window this app created, its main frame showing our own page), validates
 * the arguments with the method's zod schema, and answers a Result. Progress of a run goes only
 * to the window that started it. Types only from electron: tests pass a fake ipcMain.
 */
import type { ApiImplementation } from '../contract/api-contract.js';
import { API_METHODS, ipcChannel, PROGRESS_CHANNEL } from '../contract/api-methods.js';
import type { ProgressEvent } from '../contract/progress.js';
import type { Result } from '../contract/result.js';
import { dispatch } from '../app/dispatch.js';

export interface FrameLike { url: string }
export interface WebContentsLike {
  id: number;
  mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}
export interface InvokeEventLike { sender: WebContentsLike; senderFrame: FrameLike | null }
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  /** Gives a caller (one window) its view of the API; `send` carries its progress events. */
  bind: (send: (event: ProgressEvent) => void) => ApiImplementation;
  /** True for a URL of our own page (the built renderer's index.html). */
  isOwnPage: (url: string) => boolean;
  /** True for a window this app created. */
  isOwnWindow: (sender: WebContentsLike) => boolean;
}

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the app\'s own window; it was ignored.' } };

export function registerIpcHandlers(ipcMain: IpcMainLike, options: IpcOptions): () => void {
  const callers = new Map<number, ApiImplementation>();
  const callerFor = (sender: WebContentsLike): ApiImplementation => {
    let impl = callers.get(sender.id);
    if (!impl) {
      impl = options.bind((event) => { if (!sender.isDestroyed()) sender.send(PROGRESS_CHANNEL, event); });
      callers.set(sender.id, impl);
      sender.once('destroyed', () => callers.delete(sender.id));
    }
    return impl;
  };
  const trusted = (event: InvokeEventLike): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame === event.sender.mainFrame && options.isOwnWindow(event.sender) && options.isOwnPage(frame.url);
  };
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, ...args) => {
      if (!trusted(event)) return FORBIDDEN;
      return (await dispatch(callerFor(event.sender), method, args)).result;
    });
  }
  return () => { for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method)); };
}
