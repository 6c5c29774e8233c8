/**
 * The three ways the verifier shows the authorization URL (`oauth.authorize`): the system browser
 * (`open` package; Electron uses shell.openExternal instead), a user command `<cmd> <url>` run
 * through the platform's shell (automation), or headless: fetch and follow redirects with no UI, for servers
 * that approve at once. Each rejects with a message that becomes the finding.
 */
import type { FetchLike } from '../http/exchange.js';
import { redactUrl } from '../http/redact.js';
import { DEFAULT_CALLBACK_TIMEOUT_MS } from '../oauth/callback-server.js';

export type OpenBrowser = (url: string, signal: AbortSignal) => Promise<void>;

/**
 * The headless browser's verdict that the authorization endpoint answered with a page (a sign-in
 * form, e.g. Casdoor's /login/oauth/authorize) instead of redirecting: a person must sign in there.
 * Distinct from a redirect URI refusal, which the page's URL (carrying `redirect_uri`) resembles.
 */
export class InteractiveSignInError extends Error {
  readonly code = 'INTERACTIVE_SIGN_IN';
  constructor(readonly pageUrl: string, readonly status: number) {
    super(`the authorization endpoint answered with a sign-in page at ${pageUrl} (HTTP ${status}) that needs a person (an interactive sign-in), which following redirects without a browser cannot do`);
  }
}

/** The --browser-command itself failed (not found, exit ≠ 0, too slow): its own failure, not the server's. */
export class BrowserCommandError extends Error {
  readonly code = 'BROWSER_COMMAND';
  constructor(message: string, readonly exitCode: number | null, readonly output: string) {
    super(message);
  }
}

/** POSIX single-quoting (the URL contains `&`). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function systemBrowser(): OpenBrowser {
  return async (url) => {
    const { default: open } = await import('open');
    await open(url);
  };
}

/**
 * Runs `<command> <url>` through mcp/bridge-opener.ts runBrowserCommand (own process group, the
 * platform's shell, killed on timeout or abort, leftovers reaped). Resolves on exit 0, rejects
 * with the output's tail. `timeoutMs` defaults to the callback window (callback-server.ts).
 */
export function commandBrowser(command: string, opts: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; timeoutMs?: number }): OpenBrowser {
  return async (url, signal) => {
    const { runBrowserCommand } = await import('../mcp/bridge-opener.js');
    const timeoutMs = opts.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
    const r = await runBrowserCommand(command, url, { platform: opts.platform, env: opts.env, timeoutMs, signal });
    const tail = r.output.split('\n').slice(-3).join(' | ');
    if (r.timedOut) throw new BrowserCommandError(`browser command did not finish within ${timeoutMs} ms: ${tail}`, r.exitCode, r.output);
    if (r.exitCode === null && !signal.aborted) throw new BrowserCommandError(`browser command failed to start: ${tail}`, null, r.output);
    if (r.exitCode !== 0) throw new BrowserCommandError(`browser command exited with ${r.exitCode}${r.exitCode === 127 ? ' (command not found)' : ''}: ${tail}`, r.exitCode, r.output);
  };
}

/**
 * Follows the authorization URL's redirects (at most 20) without a UI. It must end at the
 * request's redirect_uri; a page anywhere else (a login form) means the server needs a person.
 */
export function headlessBrowser(fetch: FetchLike, timeoutMs = 10_000): OpenBrowser {
  return async (url, signal) => {
    const redirectParam = new URL(url).searchParams.get('redirect_uri');
    const target = redirectParam ? new URL(redirectParam) : undefined;
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, { redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, current).toString();
        continue;
      }
      const text = (await response.text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
      const here = new URL(current);
      const atRedirect = !target || (here.origin === target.origin && here.pathname === target.pathname);
      if (atRedirect && response.status >= 200 && response.status < 300) return;
      if (!atRedirect && response.status >= 200 && response.status < 300) {
        throw new InteractiveSignInError(`${here.origin}${here.pathname}`, response.status);
      }
      throw new Error(`${redactUrl(current)} answered HTTP ${response.status}: ${text}`);
    }
    throw new Error('more than 20 redirects');
  };
}
