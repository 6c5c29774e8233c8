/**
 * Door 2 on a real loopback port with a recording API implementation, for the attack and drift
 * tests: `calls` lists every method that ran; `raw` sends exact bytes (no URL normalisation).
 */
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiImplementation } from '../../main/contract/api-contract.js';
import { API_METHODS } from '../../main/contract/api-methods.js';
import { startUiServer, type UiServer } from '../../main/web/server.js';

export interface Fixture {
  server: UiServer;
  calls: string[];
  base: string;
  host: string;
  origin: string;
  token: string;
  /** A build folder with index.html inside a parent that also holds secret.txt. */
  root: string;
}

export async function startFixture(): Promise<Fixture> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ui-door-'));
  const staticDir = path.join(root, 'dist');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
  const calls: string[] = [];
  const impl = Object.fromEntries(API_METHODS.map((m) => [m, async () => { calls.push(m); return m === 'pruneBackups' ? { removed: [] } : {}; }])) as unknown as ApiImplementation;
  const server = await startUiServer({ bind: () => impl, staticDir });
  const token = new URL(server.launchUrl).hash.replace('#token=', '');
  const host = `127.0.0.1:${server.port}`;
  return { server, calls, base: `http://${host}`, host, origin: `http://${host}`, token, root };
}

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

export function raw(port: number, method: string, rawPath: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Trades the launch token for the session cookie, as the page does. */
export async function signIn(f: Fixture): Promise<string> {
  const r = await raw(f.server.port, 'POST', '/api/session', { host: f.host, origin: f.origin, 'content-type': 'application/json' }, JSON.stringify({ token: f.token }));
  if (r.status !== 200) throw new Error(`session exchange answered ${r.status}`);
  const cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  return cookie;
}
