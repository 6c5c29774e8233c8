/**
 * The one HTTP wrapper core uses: a bounded request (timeout, body-size cap, abort) that never
 * throws for network failures and records redacted evidence of what was sent and received.
 * Network failures are classified into stable codes (the doctor's net.* checks name them).
 */
import { redactHeaders, redactText, redactUrl } from './redact.js';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Response bodies are cut at this many bytes (default 256 KiB). */
  maxBodyBytes?: number;
  /** Default 'manual': redirects are evidence, not something to follow silently. */
  redirect?: 'manual' | 'follow';
}

export interface HttpResponseEvidence {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
}

export type NetworkErrorCode =
  | 'TIMEOUT' | 'ABORTED' | 'ECONNREFUSED' | 'ECONNRESET' | 'ENOTFOUND' | 'EAI_AGAIN' | 'EHOSTUNREACH'
  | 'CERT_HAS_EXPIRED' | 'SELF_SIGNED' | 'UNKNOWN_CA' | 'HOSTNAME_MISMATCH' | 'TLS' | 'NETWORK';

export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string> };
  response?: HttpResponseEvidence;
  error?: { code: NetworkErrorCode; message: string; causeCode?: string };
  durationMs: number;
}

const TLS_CODES: Record<string, NetworkErrorCode> = {
  CERT_HAS_EXPIRED: 'CERT_HAS_EXPIRED',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'SELF_SIGNED',
  SELF_SIGNED_CERT_IN_CHAIN: 'SELF_SIGNED',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'UNKNOWN_CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'UNKNOWN_CA',
  ERR_TLS_CERT_ALTNAME_INVALID: 'HOSTNAME_MISMATCH',
};

/** Maps a fetch rejection (undici puts the socket error in `cause`) to a stable code. */
export function classifyNetworkError(error: unknown): { code: NetworkErrorCode; message: string; causeCode?: string } {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') return { code: 'TIMEOUT', message: 'no answer before the timeout' };
  if (err?.name === 'AbortError') return { code: 'ABORTED', message: 'cancelled' };
  const causeCode = err?.cause?.code;
  const message = err?.cause?.message ?? err?.message ?? String(error);
  if (causeCode && TLS_CODES[causeCode]) return { code: TLS_CODES[causeCode], message, causeCode };
  if (causeCode === 'UND_ERR_CONNECT_TIMEOUT') return { code: 'TIMEOUT', message, causeCode };
  if (causeCode && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(causeCode)) {
    return { code: causeCode as NetworkErrorCode, message, causeCode };
  }
  if (causeCode?.startsWith('ERR_TLS') || causeCode?.startsWith('ERR_SSL')) return { code: 'TLS', message, causeCode };
  return { code: 'NETWORK', message, ...(causeCode ? { causeCode } : {}) };
}

async function readCapped(response: Response, maxBytes: number): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const body = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  return { body, truncated };
}

/** Performs one request. Never rejects: failures are in `error`. Evidence is redacted. */
export async function httpExchange(fetchFn: FetchLike, req: HttpRequest, now: () => number = Date.now): Promise<HttpExchange> {
  const method = req.method ?? 'GET';
  const headers = req.headers ?? {};
  const started = now();
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 5000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const request = { method, url: redactUrl(req.url), headers: redactHeaders(headers) };
  try {
    const response = await fetchFn(req.url, { method, headers, body: req.body, signal, redirect: req.redirect ?? 'manual' });
    const { body, truncated } = await readCapped(response, req.maxBodyBytes ?? 256 * 1024);
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => { responseHeaders[name] = value; });
    return {
      request,
      response: { status: response.status, headers: redactHeaders(responseHeaders), body: redactText(body), truncated },
      durationMs: now() - started,
    };
  } catch (error) {
    const classified = timeout.aborted && !req.signal?.aborted
      ? { code: 'TIMEOUT' as const, message: `no answer within ${req.timeoutMs ?? 5000} ms` }
      : classifyNetworkError(error);
    return { request, error: classified, durationMs: now() - started };
  }
}
