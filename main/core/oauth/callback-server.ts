/**
 * The loopback redirect receiver (RFC 8252 §7.3): binds a literal loopback address (never
 * `localhost`, never a routable interface), port 0 or a pinned port, checks `state` (RFC 6749
 * §10.12) and `iss` (RFC 9207 §2.4), and captures an `error`/`error_description` redirect as the
 * finding. The port is predictable (derived from the MCP URL), so anything on this machine — a web
 * page included — can send requests to it: a request that does not belong to this sign-in (a
 * foreign `Host`, DNS rebinding; a missing or wrong `state`, forged or stale; another method) is
 * answered 4xx, recorded in `ignored`, and the wait goes on until the sign-in's own callback or the
 * time limit. Only `Host: 127.0.0.1:<port>`, `[::1]:<port>` or `localhost:<port>` is answered.
 * The first callback that carries the right state settles the outcome and closes the server.
 * `stop()` is idempotent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HelperError } from '../errors.js';
import { redactUrl } from '../http/redact.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;
export const DEFAULT_CALLBACK_TIMEOUT_MS = 120_000;

export interface CallbackServerOptions {
  /** A literal loopback address; anything else is refused (default 127.0.0.1). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `/callback` (the bridge's redirect path, mcp-remote-facts.ts). */
  path?: string;
  expectedState: string;
  /** The authorization server's issuer; an `iss` parameter must equal it (RFC 9207 §2.4). */
  expectedIssuer?: string;
  /** The AS advertises `authorization_response_iss_parameter_supported`: `iss` is then required. */
  issRequired?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type CallbackFailure = {
  ok: false;
  reason: 'error-response' | 'state-mismatch' | 'issuer-mismatch' | 'issuer-missing' | 'no-code' | 'timeout' | 'aborted';
  message: string;
  error?: string;
  errorDescription?: string;
  /** On timeout or abort: the requests that were answered but did not belong to this sign-in. */
  ignored?: IgnoredRequest[];
};
export type CallbackOutcome = { ok: true; url: string; code: string; iss?: string } | CallbackFailure;

/** A request answered 4xx and recorded as evidence; the wait went on. */
export interface IgnoredRequest {
  reason: 'foreign-host' | 'method' | 'state-mismatch' | 'error-without-state';
  method: string;
  /** The Host header as sent (at most 100 characters). */
  host: string;
  /** Path and query, secret parameters masked. */
  target: string;
  status: number;
  message: string;
  /** For a callback on the path: how it was judged (what it would have meant had it been this sign-in's). */
  judged?: CallbackFailure;
}

/** At most this many ignored requests are kept; `ignoredCount` counts them all. */
const MAX_IGNORED = 20;

export interface CallbackServer {
  redirectUri: string;
  port: number;
  /** Settles once: with this sign-in's callback, the timeout, or abort. Never rejects. */
  outcome: Promise<CallbackOutcome>;
  /** Requests answered 4xx so far, oldest first (live; the first MAX_IGNORED). */
  readonly ignored: readonly IgnoredRequest[];
  readonly ignoredCount: number;
  stop(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] ?? c));
}

function page(title: string, text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`;
}

/** Judges one callback URL against the expectations (pure; the server and tests share it). */
export function judgeCallback(url: URL, opts: Pick<CallbackServerOptions, 'expectedState' | 'expectedIssuer' | 'issRequired'>): CallbackOutcome {
  const q = url.searchParams;
  const state = q.get('state');
  const iss = q.get('iss') ?? undefined;
  const error = q.get('error');
  if (error && state === null) {
    // Servers that refuse early often drop state (RFC 6749 §4.1.2.1 requires it): their error is still the finding.
    const errorDescription = q.get('error_description') ?? undefined;
    return { ok: false, reason: 'error-response', error, message: `the server redirected back with error=${error}${errorDescription ? `: ${errorDescription}` : ''} (and no state, which RFC 6749 §4.1.2.1 requires)`, ...(errorDescription ? { errorDescription } : {}) };
  }
  if (state !== opts.expectedState) {
    return { ok: false, reason: 'state-mismatch', message: state === null ? 'the callback carried no state' : 'the callback state does not match the one sent' };
  }
  if (iss !== undefined && opts.expectedIssuer !== undefined && iss !== opts.expectedIssuer) {
    return { ok: false, reason: 'issuer-mismatch', message: `iss "${iss}" is not the authorization server's issuer "${opts.expectedIssuer}"` };
  }
  if (iss === undefined && opts.issRequired) {
    return { ok: false, reason: 'issuer-missing', message: 'the server advertises RFC 9207 iss but the callback carried none' };
  }
  if (error) {
    const errorDescription = q.get('error_description') ?? undefined;
    return { ok: false, reason: 'error-response', error, message: `the server redirected back with error=${error}${errorDescription ? `: ${errorDescription}` : ''}`, ...(errorDescription ? { errorDescription } : {}) };
  }
  const code = q.get('code');
  if (!code) return { ok: false, reason: 'no-code', message: 'the callback carried neither code nor error' };
  return { ok: true, url: url.toString(), code, ...(iss ? { iss } : {}) };
}

export async function startCallbackServer(opts: CallbackServerOptions): Promise<CallbackServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new HelperError('CALLBACK_NOT_LOOPBACK', `the callback server binds only a literal loopback address (127.0.0.1 or ::1), not "${host}" (RFC 8252 §7.3)`);
  }
  const path = opts.path ?? '/callback';
  if (!path.startsWith('/')) throw new HelperError('CALLBACK_PATH', `the callback path must start with "/", got "${path}"`);
  let settle!: (outcome: CallbackOutcome) => void;
  const outcome = new Promise<CallbackOutcome>((resolve) => { settle = resolve; });
  let done = false;
  const ignored: IgnoredRequest[] = [];
  let ignoredCount = 0;
  let port = 0;
  const ignore = (res: http.ServerResponse, entry: Omit<IgnoredRequest, 'status'>, status: number, title: string, text: string) => {
    ignoredCount += 1;
    if (ignored.length < MAX_IGNORED) ignored.push({ ...entry, status });
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page(title, text));
  };
  const server = http.createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').slice(0, 100);
    const method = req.method ?? 'GET';
    const target = redactUrl(`http://${host.includes(':') ? `[${host}]` : host}:${port}${req.url ?? '/'}`).replace(/^http:\/\/[^/]+/, '');
    if (!allowedHosts(port).has(hostHeader.toLowerCase())) {
      ignore(res, { reason: 'foreign-host', method, host: hostHeader, target, message: `Host "${hostHeader}" is not this loopback receiver's` },
        421, 'Misdirected request', 'This address only answers requests for its own loopback host and port.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (done) {
      res.writeHead(410, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page('Already used', 'This sign-in callback was already answered.'));
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      ignore(res, { reason: 'method', method, host: hostHeader, target, message: `${method} is not how an authorization response arrives (a GET redirect)` },
        405, 'Method not allowed', 'The sign-in callback is a GET redirect from the authorization server.');
      return;
    }
    const result = judgeCallback(url, opts);
    if (!result.ok && (result.reason === 'state-mismatch' || url.searchParams.get('state') === null)) {
      // Not provably this sign-in's: anyone can send it. Recorded; the real callback may still come.
      const reason = result.reason === 'state-mismatch' ? 'state-mismatch' : 'error-without-state';
      ignore(res, { reason, method, host: hostHeader, target, message: result.message, judged: result }, 400, 'Not this sign-in',
        `${result.message}. This request does not belong to the sign-in in progress, which is still waiting. If it came from the sign-in you just did, the server did not return the state it was sent.`);
      return;
    }
    const body = result.ok
      ? page('Signed in', 'The IAM MCP Helper received the authorization. You can close this window.')
      : page('Sign-in failed', result.message);
    res.writeHead(result.ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(body);
    finish(result);
  });
  const timer: { handle?: NodeJS.Timeout } = {};
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      if (timer.handle) clearTimeout(timer.handle);
      opts.signal?.removeEventListener('abort', onAbort);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };
  const finish = (result: CallbackOutcome) => {
    if (done) return;
    done = true;
    settle(result);
    void stop();
  };
  const onAbort = () => finish({ ok: false, reason: 'aborted', message: 'cancelled while waiting for the callback', ...(ignoredCount ? { ignored: [...ignored] } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new HelperError('CALLBACK_BIND', `cannot listen on ${host}:${opts.port ?? 0}: ${error.code ?? error.message}`, { cause: error })));
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  timer.handle = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `no callback within ${Math.round(timeoutMs / 1000)} s${ignoredSummary(ignored, ignoredCount)}`, ...(ignoredCount ? { ignored: [...ignored] } : {}) }), timeoutMs);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const hostInUri = host.includes(':') ? `[${host}]` : host;
  return {
    redirectUri: `http://${hostInUri}:${port}${path}`, port, outcome, stop,
    get ignored() { return ignored; },
    get ignoredCount() { return ignoredCount; },
  };
}

/** The Host values a browser sends for this receiver (RFC 9110 §7.2): loopback literal or localhost, with the port. */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`]);
}

/** `; ignored 2 requests that were not this sign-in's (state-mismatch, foreign-host)`. */
export function ignoredSummary(ignored: readonly IgnoredRequest[], count = ignored.length): string {
  if (!count) return '';
  const reasons = [...new Set(ignored.map((i) => i.reason))].join(', ');
  return `; ignored ${count} request${count === 1 ? '' : 's'} that did not belong to this sign-in (${reasons})`;
}
