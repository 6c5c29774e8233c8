import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpExchange } from '../../../main/core/http/exchange.js';

const closers: Array<() => void> = [];
afterEach(() => { while (closers.length) closers.pop()?.(); });

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('httpExchange', () => {
  it('captures status, headers and a capped body', async () => {
    const server = http.createServer((_req, res) => { res.setHeader('www-authenticate', 'Bearer x'); res.end('y'.repeat(5000)); });
    closers.push(() => server.close());
    const port = await listen(server);
    const ex = await httpExchange(fetch, { url: `http://127.0.0.1:${port}/`, maxBodyBytes: 100 });
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.headers['www-authenticate']).toBe('Bearer x');
    expect(ex.response?.body.length).toBe(100);
    expect(ex.response?.truncated).toBe(true);
  });
  it('classifies a refused connection', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const ex = await httpExchange(fetch, { url: `http://127.0.0.1:${port}/` });
    expect(ex.error?.code).toBe('ECONNREFUSED');
  });
  it('times out on a black-holed socket within the timeout', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    closers.push(() => { sockets.forEach((s) => s.destroy()); server.close(); });
    const port = await listen(server);
    const started = Date.now();
    const ex = await httpExchange(fetch, { url: `http://127.0.0.1:${port}/`, timeoutMs: 300 });
    expect(ex.error?.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
