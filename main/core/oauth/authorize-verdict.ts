/**
 * What an authorization endpoint's first answer says, before anyone signs in (RFC 6749 §4.1.1,
 * §4.1.2.1). Casdoor-shaped servers render the authorize page in the browser and answer their
 * API `GET /api/get-app-login` with `{status, msg}` (Casdoor controllers/auth.go GetApplicationLogin);
 * others answer the request itself: a redirect or a page towards sign-in when it is acceptable,
 * an error status or page when not. A 5xx is a server failure, never a refusal.
 */
import type { HttpExchange } from '../http/exchange.js';

export type AuthorizeVerdict = 'accepted' | 'refused' | 'client-unknown' | 'server-error' | 'unclear';

const CLIENT_WORDS = /client_id|unknown client|invalid_client|client not found|invalid client/i;
const REDIRECT_WORDS = /redirect_?uri|redirect uri/i;
const REFUSAL_WORDS = /invalid|mismatch|not allowed|doesn't exist|does not exist|not registered/i;

/** Casdoor's API verdict (HTTP 200 and `{status, msg}`, errors included); undefined for other servers. */
export function casdoorVerdict(ex: HttpExchange): AuthorizeVerdict | undefined {
  if (ex.response?.status !== 200) return undefined;
  try {
    const j = JSON.parse(ex.response?.body ?? '') as { status?: string; msg?: string };
    if (j.status === 'ok') return 'accepted';
    if (j.status === 'error') {
      if (REDIRECT_WORDS.test(j.msg ?? '')) return 'refused';
      if (/client|application/i.test(j.msg ?? '')) return 'client-unknown';
      return 'unclear';
    }
  } catch { /* not the Casdoor API */ }
  return undefined;
}

/** The verdict of the authorization request itself (redirects not followed). */
export function standardVerdict(ex: HttpExchange): AuthorizeVerdict {
  const r = ex.response;
  if (!r) return 'unclear';
  const body = r.body;
  if (r.status >= 500) return 'server-error';
  if (r.status >= 300 && r.status < 400 && r.headers.location) return 'accepted';
  if (r.status >= 400) {
    if (REDIRECT_WORDS.test(body)) return 'refused';
    if (CLIENT_WORDS.test(body)) return 'client-unknown';
    return 'unclear';
  }
  if (REDIRECT_WORDS.test(body) && REFUSAL_WORDS.test(body)) return 'refused';
  if (/login|sign in|password|<form/i.test(body)) return 'accepted';
  return 'unclear';
}

/** The server's own words: Casdoor's `msg`, an error page's text, else the start of a plain-text body. */
export function serverSaid(ex: HttpExchange): string | undefined {
  const body = ex.response?.body ?? '';
  try { const j = JSON.parse(body) as { msg?: unknown }; if (typeof j.msg === 'string' && j.msg) return j.msg; } catch { /* not JSON */ }
  const html = /html/i.test(ex.response?.headers['content-type'] ?? '');
  const text = html ? (/<p[^>]*id="error"[^>]*>([^<]*)</i.exec(body)?.[1] ?? /<title>([^<]*)<\/title>/i.exec(body)?.[1] ?? '') : body;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
}
