/**
 * Watches a running bridge for its sign-in: picks up each authorization URL it opens (through the
 * opener hook, or from the "Please authorize this client by visiting:" line on its stderr), asks
 * the authorization endpoint about it once (a refused redirect_uri or client is answered there,
 * before any login: docs/iam-facts.md "Redirect check"), and hands it to the browser command.
 * Reports a verdict that stops the run early when the login cannot succeed.
 */
import { httpExchange, type FetchLike, type HttpExchange } from '../http/exchange.js';
import { redactUrl } from '../http/redact.js';
import { runBrowserCommand, type BrowserCommandResult, type OpenerHook } from './bridge-opener.js';
import { redactText } from '../http/redact.js';
import { authorizationUrlFromStderr, redirectUriOf } from './bridge-findings.js';
import { within } from './bridge-spawn.js';

const REFUSAL = /invalid redirect_uri|redirect_uri_mismatch|doesn't exist in the allowed Redirect URI list|unknown client_id|invalid_client/i;

export interface LoginWatchOptions {
  hook?: OpenerHook;
  stderr: () => string;
  browserCommand?: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  fetch: FetchLike;
  /** Deadline for one browser command (the sign-in limit, which aborts it sooner, normally wins). */
  browserTimeoutMs: number;
  /** Limit on the authorization-endpoint probe (default 5 s). */
  requestTimeoutMs?: number;
  signal: AbortSignal;
  /** Called once the login cannot succeed (refused by the server, the browser command failed). */
  onFatal: (reason: string) => void;
  onUrl?: (url: string) => void;
}

export interface LoginRecord {
  url: string;
  redirectUri?: string;
  probe?: { status?: number; body?: string; error?: string };
  browser?: BrowserCommandResult;
}

export interface LoginWatch {
  records: LoginRecord[];
  /** Resolves when the watcher has stopped (after `signal` aborted or `finish`) and browser commands ended. */
  done: Promise<void>;
  /** Stops looking for URLs and lets running browser commands end on their own for up to `graceMs`. */
  finish(graceMs: number): Promise<void>;
  /** Text from the server's refusal and the browser command, for findings. */
  loginText(): string;
}

async function probe(fetchFn: FetchLike, url: string, signal: AbortSignal, timeoutMs: number): Promise<LoginRecord['probe']> {
  const ex: HttpExchange = await httpExchange(fetchFn, { url, timeoutMs, signal, maxBodyBytes: 16384 });
  if (ex.error) return { error: `${ex.error.code}: ${ex.error.message}` };
  return { status: ex.response?.status, body: redactText((ex.response?.body ?? '').slice(0, 600)) };
}

export function watchLogin(opts: LoginWatchOptions): LoginWatch {
  const records: LoginRecord[] = [];
  const seen = new Set<string>();
  // Ref'd: each sleep is awaited by the run (an unref'd one can end the process mid-run).
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const handle = async (url: string) => {
    const record: LoginRecord = { url: redactUrl(url), ...(redirectUriOf(url) ? { redirectUri: redirectUriOf(url) } : {}) };
    records.push(record);
    opts.onUrl?.(url);
    // The probe and the browser run side by side: a refusal seen by the probe ends the run (and
    // the browser command with it) without waiting for the browser to give up.
    const probing = probe(opts.fetch, url, opts.signal, opts.requestTimeoutMs ?? 5000).then((answer) => {
      record.probe = answer;
      if (answer?.status !== undefined && answer.status >= 400 && REFUSAL.test(answer.body ?? '')) {
        opts.onFatal(`the authorization endpoint refused the request (${answer.status})`);
      }
    });
    if (opts.browserCommand && !opts.signal.aborted) {
      record.browser = await runBrowserCommand(opts.browserCommand, url, {
        platform: opts.platform, env: opts.env, ...(opts.cwd ? { cwd: opts.cwd } : {}), timeoutMs: opts.browserTimeoutMs, signal: opts.signal,
      });
      if (record.browser.exitCode !== 0 && !opts.signal.aborted) {
        opts.onFatal(`the browser command ${record.browser.timedOut ? 'timed out' : `exited ${record.browser.exitCode}`}`);
      }
    }
    await probing;
  };

  let polling = true;
  const pending: Promise<void>[] = [];
  const done = (async () => {
    while (polling && !opts.signal.aborted) {
      const urls = opts.hook ? await opts.hook.urls() : [];
      const stderr = opts.stderr();
      const printed = authorizationUrlFromStderr(stderr);
      // With the hook, the URL it received is the one to use (the printed one is logged first and
      // may be encoded differently); stderr is the source without a hook, or when the bridge could
      // run no opener and asked the user to copy the URL.
      const usePrinted = !opts.hook || /Could not open a browser automatically/.test(stderr);
      const candidates = [...urls, ...(usePrinted && printed ? [printed] : [])];
      for (const url of candidates) {
        if (seen.has(url)) continue;
        seen.add(url);
        pending.push(handle(url));
      }
      await sleep(150);
    }
    await Promise.allSettled(pending);
  })();

  return {
    records,
    done,
    finish: async (graceMs) => {
      polling = false;
      await within(done, graceMs);
    },
    loginText: () => records.flatMap((r) => [r.probe?.body ?? '', r.browser?.output ?? '']).filter(Boolean).join('\n'),
  };
}
