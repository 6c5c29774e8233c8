/**
 * Door 2: the app in the default browser. A loopback HTTP server (127.0.0.1 only) that serves the
 * built renderer and answers the API: `POST /api/<method>` with `{ "args": [...] }`, progress as a
 * server-sent-event stream from `POST /api/events`. A launch token (256 bits, in memory only) is
 * traded once for an HttpOnly SameSite=Strict session cookie; see docs/app-doors.md.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiImplementation } from '../contract/api-contract.js';
import { API_METHODS, type ApiMethod } from '../contract/api-methods.js';
import type { ProgressEvent } from '../contract/progress.js';
import { dispatch } from '../app/dispatch.js';
import { cookieValue, hostAllowed, isJson, MAX_BODY_BYTES, newSecret, originAllowed, sameSecret, SESSION_COOKIE, sessionCookie } from './guard.js';
import { staticFile } from './static-files.js';

export interface UiServerOptions {
  /** The API for this door's one caller; `send` delivers that caller's progress events. */
  bind: (send: (event: ProgressEvent) => void) => ApiImplementation;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  port?: number;
}

export interface UiServer {
  port: number;
  /** The URL to open once: the page reads the token from the fragment (never sent over HTTP). */
  launchUrl: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const API_ROUTES = new Map<string, ApiMethod>(API_METHODS.map((m) => [`/api/${m}`, m]));

function answer(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

const refuse = (res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) =>
  answer(res, status, { ok: false, error: { code, message } }, extra);

/** Reads a JSON body up to MAX_BODY_BYTES; null after answering 413/400 itself. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    refuse(res, 413, 'BODY_TOO_LARGE', 'The request is larger than the helper accepts.', { connection: 'close' });
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refuse(res, 413, 'BODY_TOO_LARGE', 'The request is larger than the helper accepts.', { connection: 'close' });
      req.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
  } catch {
    refuse(res, 400, 'BAD_JSON', 'The request body is not JSON.');
    return null;
  }
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const launchToken = newSecret();
  let tokenSpent = false;
  let session: string | undefined;
  const streams = new Set<ServerResponse>();
  const impl = options.bind((event) => {
    for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'The API takes POST only.', { allow: 'POST' });
    if (!originAllowed(req.headers, port)) return refuse(res, 403, 'FOREIGN_ORIGIN', 'Requests from other pages are refused.');
    if (!isJson(req.headers)) return refuse(res, 415, 'JSON_ONLY', 'The API takes application/json only.');
    if (pathname === '/api/session') {
      const body = await readJson(req, res);
      if (body === null) return;
      const token = (body as { token?: unknown }).token;
      if (tokenSpent || !sameSecret(typeof token === 'string' ? token : undefined, launchToken)) {
        return refuse(res, 403, 'LINK_USED', 'This link has already been used or is wrong; run `iam-mcp-helper ui` again for a new one.');
      }
      tokenSpent = true;
      session = newSecret();
      return answer(res, 200, { ok: true, value: {} }, { 'set-cookie': sessionCookie(session) });
    }
    if (session === undefined || !sameSecret(cookieValue(req.headers, SESSION_COOKIE), session)) {
      return refuse(res, 401, 'NOT_SIGNED_IN', 'Open the app with the link `iam-mcp-helper ui` printed.');
    }
    if (pathname === '/api/events') {
      req.resume();
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      res.write(': progress\n\n');
      streams.add(res);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      res.on('close', () => { clearInterval(ping); streams.delete(res); });
      return;
    }
    const method = API_ROUTES.get(pathname);
    if (!method) return refuse(res, 404, 'NO_SUCH_METHOD', `There is no API method at ${pathname}.`);
    const body = await readJson(req, res);
    if (body === null) return;
    const { invalid, result } = await dispatch(impl, method, (body as { args?: unknown }).args);
    answer(res, invalid ? 400 : 200, result);
  }

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers, port)) return refuse(res, 421, 'WRONG_HOST', 'This server answers only to 127.0.0.1 and localhost.');
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname).catch(() => { if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'The helper failed to answer; try again.'); });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Only GET serves files.', { allow: 'GET, HEAD' });
    staticFile(options.staticDir, pathname).then((file) => {
      if (file.status !== 200 || !file.body) return refuse(res, file.status, 'NOT_FOUND', 'No such file in the app.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type ?? 'application/octet-stream', 'content-length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    }, () => refuse(res, 500, 'INTERNAL', 'The helper failed to read its files.'));
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    launchUrl: `http://127.0.0.1:${port}/#token=${launchToken}`,
    async close() {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
