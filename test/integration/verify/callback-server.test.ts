import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackServer, type CallbackServer } from '../../../main/core/oauth/callback-server.js';

let server: CallbackServer | undefined;

/** A GET with a chosen Host header (fetch does not let one set it); resolves with the status. */
function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
}
afterEach(async () => { await server?.stop(); server = undefined; });

describe('loopback callback server (RFC 8252 §7.3)', () => {
  it('binds 127.0.0.1 on a free port with the configured path and accepts the right state', async () => {
    server = await startCallbackServer({ expectedState: 's1', path: '/cb', timeoutMs: 5000 });
    expect(server.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cb$/);
    const res = await fetch(`${server.redirectUri}?code=abc&state=s1&iss=https%3A%2F%2Fas`);
    expect(res.status).toBe(200);
    const outcome = await server.outcome;
    expect(outcome).toMatchObject({ ok: true, code: 'abc', iss: 'https://as' });
  });

  it('a wrong or missing state does not end the sign-in: recorded, answered 400, and the right callback still wins', async () => {
    server = await startCallbackServer({ expectedState: 'right', timeoutMs: 5000 });
    const wrong = await fetch(`${server.redirectUri}?code=forged-code-123&state=wrong`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('still waiting');
    expect((await fetch(`${server.redirectUri}?code=abc`)).status).toBe(400);
    expect((await fetch(`${server.redirectUri}?error=access_denied`)).status).toBe(400);
    expect(server.ignored.map((i) => i.reason)).toEqual(['state-mismatch', 'state-mismatch', 'error-without-state']);
    expect(JSON.stringify(server.ignored)).not.toContain('forged-code-123');
    expect((await fetch(`${server.redirectUri}?code=abc&state=right`)).status).toBe(200);
    expect(await server.outcome).toMatchObject({ ok: true, code: 'abc' });
  });

  it('answers only its own Host (127.0.0.1, [::1] or localhost with the port); others get 421, recorded', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    const at = `/callback?code=abc&state=s`;
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      expect(await get(server.port, at, host), host).toBe(421);
    }
    expect(server.ignored.map((i) => i.reason)).toEqual(['foreign-host', 'foreign-host', 'foreign-host', 'foreign-host']);
    expect(server.ignored[0]).toMatchObject({ host: 'evil.example', status: 421 });
    expect(await get(server.port, at, `localhost:${server.port}`)).toBe(200);
    expect(await server.outcome).toMatchObject({ ok: true, code: 'abc' });
  });

  it('a POST to the callback path is answered 405 and recorded; the wait goes on', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    expect((await fetch(`${server.redirectUri}?code=a&state=s`, { method: 'POST' })).status).toBe(405);
    expect(server.ignored).toHaveLength(1);
    expect(await get(server.port, '/callback?code=a&state=s', `[::1]:${server.port}`)).toBe(200);
    expect(await server.outcome).toMatchObject({ ok: true });
  });

  it('at the time limit, the outcome names what was ignored', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 400 });
    await (await fetch(`${server.redirectUri}?code=x&state=nope`)).text();
    expect(await get(server.port, '/callback?code=x&state=s', 'attacker.example')).toBe(421);
    const outcome = await server.outcome;
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/ignored 2 requests .*state-mismatch, foreign-host/);
    expect(outcome.ok ? [] : outcome.ignored).toHaveLength(2);
  });

  it('rejects a second callback: one callback, then the port is closed', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    await (await fetch(`${server.redirectUri}?code=a&state=s`)).text();
    await server.outcome;
    await expect(fetch(`${server.redirectUri}?code=b&state=s`)).rejects.toThrow();
  });

  it('rejects an iss that is not the issuer (RFC 9207) and a missing iss when advertised', async () => {
    server = await startCallbackServer({ expectedState: 's', expectedIssuer: 'https://as', timeoutMs: 5000 });
    await fetch(`${server.redirectUri}?code=a&state=s&iss=https%3A%2F%2Fevil`);
    expect(await server.outcome).toMatchObject({ ok: false, reason: 'issuer-mismatch' });
    await server.stop();
    server = await startCallbackServer({ expectedState: 's', expectedIssuer: 'https://as', issRequired: true, timeoutMs: 5000 });
    await fetch(`${server.redirectUri}?code=a&state=s`);
    expect(await server.outcome).toMatchObject({ ok: false, reason: 'issuer-missing' });
  });

  it('captures error and error_description as the finding', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    await fetch(`${server.redirectUri}?error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}&state=s`);
    expect(await server.outcome).toMatchObject({ ok: false, reason: 'error-response', error: 'access_denied', errorDescription: '<b>no</b>' });
  });

  it('HTML-escapes what it echoes', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    const res = await fetch(`${server.redirectUri}?error=x&error_description=${encodeURIComponent('<script>alert(1)</script>')}&state=s`);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses non-loopback binds', async () => {
    await expect(startCallbackServer({ expectedState: 's', host: '0.0.0.0' })).rejects.toMatchObject({ code: 'CALLBACK_NOT_LOOPBACK' });
    await expect(startCallbackServer({ expectedState: 's', host: 'localhost' })).rejects.toMatchObject({ code: 'CALLBACK_NOT_LOOPBACK' });
  });

  it('ignores other paths and times out', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 300 });
    expect((await fetch(`http://127.0.0.1:${server.port}/favicon.ico`)).status).toBe(404);
    const started = Date.now();
    expect(await server.outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a pinned port that is taken is a clear error', async () => {
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000 });
    await expect(startCallbackServer({ expectedState: 's', port: server.port })).rejects.toMatchObject({ code: 'CALLBACK_BIND' });
  });

  it('stops on abort, and stop() is idempotent', async () => {
    const controller = new AbortController();
    server = await startCallbackServer({ expectedState: 's', timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    expect(await server.outcome).toMatchObject({ ok: false, reason: 'aborted' });
    await server.stop();
    await server.stop();
  });
});

describe('headless browser', () => {
  it('refuses to wait when the server shows a sign-in page instead of redirecting', async () => {
    const { headlessBrowser } = await import('../../../main/core/verify/browser.js');
    const http = await import('node:http');
    const page = http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<form>login</form>'));
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
    const port = (page.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}/authorize?redirect_uri=${encodeURIComponent('http://127.0.0.1:1/callback')}`;
    await expect(headlessBrowser(fetch)(url, new AbortController().signal)).rejects.toThrow(/interactive sign-in/);
    await new Promise<void>((r) => page.close(() => r()));
  });
});
