/**
 * The loopback redirect receiver (RFC 8252 §7.3, design.md §6): binds a literal loopback address
 * (never `localhost`, never a routable interface), port 0 or a pinned port, answers exactly one
 * callback on its path and then closes, checks `state` (RFC 6749 §10.12) and `iss` (RFC 9207 §2.4),
 * and captures an `error`/`error_description` redirect as the finding. `stop()` is idempotent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HelperError } from '../errors.js';

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

export type CallbackOutcome =
  | { ok: true; url: string; code: string; iss?: string }
  | {
    ok: false;
    reason: 'error-response' | 'state-mismatch' | 'issuer-mismatch' | 'issuer-missing' | 'no-code' | 'timeout' | 'aborted';
    message: string;
    error?: string;
    errorDescription?: string;
  };

export interface CallbackServer {
  redirectUri: string;
  port: number;
  /** Settles once: with the first callback, the timeout, or abort. Never rejects. */
  outcome: Promise<CallbackOutcome>;
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
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (done) {
      res.writeHead(410, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page('Already used', 'This sign-in callback was already answered.'));
      return;
    }
    const result = judgeCallback(url, opts);
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
  const onAbort = () => finish({ ok: false, reason: 'aborted', message: 'cancelled while waiting for the callback' });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new HelperError('CALLBACK_BIND', `cannot listen on ${host}:${opts.port ?? 0}: ${error.code ?? error.message}`, { cause: error })));
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  timer.handle = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `no callback within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const hostInUri = host.includes(':') ? `[${host}]` : host;
  return { redirectUri: `http://${hostInUri}:${port}${path}`, port, outcome, stop };
}
