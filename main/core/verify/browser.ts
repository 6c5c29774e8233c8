/**
 * The three ways the verifier shows the authorization URL (issue 4 step 3): the system browser
 * (`open` package; Electron uses shell.openExternal instead), a user command `<cmd> '<url>'` run
 * through the shell (automation), or headless: fetch and follow redirects with no UI, for servers
 * that approve at once. Each rejects with a message that becomes the finding.
 */
import { spawn } from 'node:child_process';
import type { FetchLike } from '../http/exchange.js';
import { redactUrl } from '../http/redact.js';

export type OpenBrowser = (url: string, signal: AbortSignal) => Promise<void>;

/**
 * The headless browser's verdict that the authorization endpoint answered with a page (a sign-in
 * form, e.g. Casdoor's /login/oauth/authorize) instead of redirecting: a person must sign in there.
 * Distinct from a redirect URI refusal, which the page's URL (carrying `redirect_uri`) resembles.
 */
export class InteractiveSignInError extends Error {
  readonly code = 'INTERACTIVE_SIGN_IN';
  constructor(readonly pageUrl: string, readonly status: number) {
    super(`the authorization endpoint answered with a sign-in page at ${pageUrl} (HTTP ${status}) that needs a person (an interactive sign-in): use the browser (run without --headless) or --browser-command`);
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

/** Runs `<command> '<url>'` with `sh -c`; resolves on exit 0, rejects with the output's tail. */
export function commandBrowser(command: string, env: NodeJS.ProcessEnv = process.env): OpenBrowser {
  return (url, signal) => new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', `${command} ${shellQuote(url)}`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-2000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const onAbort = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { child.kill('SIGTERM'); } };
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => { signal.removeEventListener('abort', onAbort); reject(new Error(`browser command failed to start: ${error.message}`)); });
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else reject(new Error(`browser command exited with ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
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
