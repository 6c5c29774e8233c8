/**
 * How a run started from the app opens a sign-in page: the app's browser command when it has one
 * (`--browser-command`, for automation), else the door's opener (the user's default browser,
 * RFC 8252 §8.12; never a web view inside the app).
 */
import { commandBrowser, type OpenBrowser } from '../core/verify/browser.js';
import type { AppContext } from './app-context.js';

/** `timeoutMs`: the limit on the browser command (the wait for the sign-in). */
export function signInOpener(ctx: AppContext, timeoutMs?: number): OpenBrowser {
  return ctx.browserCommand
    ? commandBrowser(ctx.browserCommand, { env: ctx.env, platform: ctx.platform, ...(timeoutMs ? { timeoutMs } : {}) })
    : (url: string, signal: AbortSignal) => ctx.effects.openBrowser(url, signal);
}
