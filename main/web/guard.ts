/**
 * Door 2's request checks, each a pure function of the request's headers. They go beyond the
 * fix for MCP Inspector's CVE-2025-49596 (an unauthenticated local server reachable from any web
 * page): see docs/app-doors.md.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'iam_helper_session';
/** API request bodies are small JSON documents; anything bigger is refused with 413. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A fresh 256-bit secret, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison (hashing first gives equal lengths, so nothing leaks through timing). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends `Host: evil.example`. */
export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const host = headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The page's own origin; a request from any other page (or none) is refused. */
export function originAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Only `application/json` bodies: a cross-site form or `text/plain` fetch cannot reach the API. */
export function isJson(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

export function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers.cookie;
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const sessionCookie = (value: string): string => `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/`;
