import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { raw, signIn, startFixture, type Fixture } from '../../helpers/ui-server-fixture.js';

let f: Fixture;
let cookie: string;
beforeEach(async () => { f = await startFixture(); cookie = await signIn(f); });
afterEach(async () => { await f.server.close(); rmSync(f.root, { recursive: true, force: true }); });

const body = JSON.stringify({ args: [3] });
const good = () => ({ host: f.host, origin: f.origin, 'content-type': 'application/json', cookie });
const call = (headers: Record<string, string>, payload: string | Buffer = body) => raw(f.server.port, 'POST', '/api/pruneBackups', headers, payload);
const without = (h: Record<string, string>, key: string) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== key));

describe('door 2 refuses what a hostile page or a DNS-rebinding site could send', () => {
  it('answers the page itself (control: the same request with its credentials runs)', async () => {
    const r = await call(good());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { removed: [] } });
    expect(f.calls).toEqual(['pruneBackups']);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const g = await startFixture();
    const r = await raw(g.server.port, 'POST', '/api/session', { host: g.host, origin: g.origin, 'content-type': 'application/json' }, JSON.stringify({ token: g.token }));
    expect(r.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    await g.server.close();
  });

  const attacks: [string, () => Record<string, string>, number, (string | Buffer)?][] = [
    ['no token (no session cookie)', () => without(good(), 'cookie'), 401],
    ['a wrong session cookie', () => ({ ...good(), cookie: 'iam_helper_session=' + 'A'.repeat(43) }), 401],
    ['Host: evil.example:<port> (DNS rebinding)', () => ({ ...good(), host: `evil.example:${f.server.port}` }), 421],
    ['Host: 127.0.0.1 on another port', () => ({ ...good(), host: `127.0.0.1:${f.server.port + 1}` }), 421],
    ['a foreign Origin', () => ({ ...good(), origin: 'http://evil.example' }), 403],
    ['no Origin', () => without(good(), 'origin'), 403],
    ['Origin "null" (sandboxed frame)', () => ({ ...good(), origin: 'null' }), 403],
    ['text/plain (a form-style cross-site POST)', () => ({ ...good(), 'content-type': 'text/plain' }), 415],
    ['no content type', () => without(good(), 'content-type'), 415],
  ];
  for (const [what, headers, status] of attacks) {
    it(`refuses ${what} with ${status}; nothing runs`, async () => {
      const r = await call(headers());
      expect(r.status).toBe(status);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
      expect(f.calls).toEqual([]);
    });
  }

  it('refuses an oversize body with 413; nothing runs', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'x');
    const r = await call(good(), Buffer.concat([Buffer.from('{"args":["'), big, Buffer.from('"]}')])).catch((e: Error) => ({ status: 0, body: e.message, headers: {} }));
    expect([413, 0]).toContain(r.status);
    expect(f.calls).toEqual([]);
  });

  it('refuses an oversize body sent in chunks without a length (413); nothing runs', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: f.server.port, method: 'POST', path: '/api/pruneBackups', headers: { ...good(), 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', () => resolve(0));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => { while (sent < 40) { sent++; if (!req.write(chunk)) { req.once('drain', pump); return; } } req.end(); };
      pump();
    });
    expect([413, 0]).toContain(status);
    expect(f.calls).toEqual([]);
  });

  it('refuses a second use of the launch token (403) and a wrong token (403)', async () => {
    const headers = { host: f.host, origin: f.origin, 'content-type': 'application/json' };
    expect((await raw(f.server.port, 'POST', '/api/session', headers, JSON.stringify({ token: f.token }))).status).toBe(403);
    expect((await raw(f.server.port, 'POST', '/api/session', headers, JSON.stringify({ token: 'x'.repeat(43) }))).status).toBe(403);
    const g = await startFixture();
    const h = { host: g.host, origin: g.origin, 'content-type': 'application/json' };
    expect((await raw(g.server.port, 'POST', '/api/session', h, JSON.stringify({ token: g.token.slice(0, -1) + (g.token.endsWith('A') ? 'B' : 'A') }))).status).toBe(403);
    expect((await raw(g.server.port, 'POST', '/api/session', h, JSON.stringify({}))).status).toBe(403);
    await g.server.close();
  });

  it('serves files from the build only: /../ and encoded variants are 404', async () => {
    expect((await raw(f.server.port, 'GET', '/assets/app.js', { host: f.host })).status).toBe(200);
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/..\\secret.txt', '/%00index.html', '/%E0%A4%A']) {
      const r = await raw(f.server.port, 'GET', p, { host: f.host });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain('TOP-SECRET');
    }
  });

  it('refuses static files to a foreign Host too (a rebinding site cannot read the page)', async () => {
    expect((await raw(f.server.port, 'GET', '/', { host: `evil.example:${f.server.port}` })).status).toBe(421);
  });

  it('refuses GET on the API (405) and an unknown method (404)', async () => {
    expect((await raw(f.server.port, 'GET', '/api/pruneBackups', { host: f.host, cookie })).status).toBe(405);
    expect((await raw(f.server.port, 'POST', '/api/evalSomething', good(), body)).status).toBe(404);
    expect(f.calls).toEqual([]);
  });

  it('answers invalid arguments with 400 INVALID_ARGUMENTS; nothing runs', async () => {
    const r = await call(good(), JSON.stringify({ args: ['three'] }));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    expect(f.calls).toEqual([]);
  });
});
