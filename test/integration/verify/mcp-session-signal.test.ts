/**
 * The one MCP client path takes the run's AbortSignal on the connect and on every request: a
 * cancel ends a request the server never answers at once, not after the per-request limit.
 * A real HTTP server on 127.0.0.1 that answers `initialize` and then holds every other request.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectMcp } from '../../../main/core/mcp/session.js';

let server: http.Server;
let url = '';
const held: http.ServerResponse[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const msg = body ? JSON.parse(body) as { id?: number; method?: string } : {};
      if (req.method !== 'POST') { res.writeHead(405).end(); return; }
      if (msg.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: msg.id,
          result: { protocolVersion: '2025-03-26', capabilities: { tools: {} }, serverInfo: { name: 'held', version: '1' } } }));
      } else if (msg.id === undefined) res.writeHead(202).end();
      else held.push(res); // never answered
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/mcp`;
});
afterAll(async () => {
  held.forEach((r) => r.destroy());
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

it('a request the server holds ends when the signal aborts, long before its limit', async () => {
  const cancel = new AbortController();
  const session = await connectMcp({ url, accessToken: 't', fetch: (i, init) => fetch(i, init) }, { timeoutMs: 120_000, signal: cancel.signal });
  const listing = session.client.listTools(undefined, session.request);
  setTimeout(() => cancel.abort(new Error('cancelled')), 100);
  await expect(listing).rejects.toThrow(/cancelled|abort/i);
  await session.close();
}, 10_000);

it('the connect itself ends when the signal aborts (a host that accepts and never answers)', async () => {
  const sockets: net.Socket[] = [];
  const hole = net.createServer((s) => { sockets.push(s); });
  await new Promise<void>((r) => hole.listen(0, '127.0.0.1', r));
  const cancel = new AbortController();
  const port = (hole.address() as net.AddressInfo).port;
  const connecting = connectMcp({ url: `http://127.0.0.1:${port}/mcp`, accessToken: 't', fetch: (i, init) => fetch(i, init) }, { timeoutMs: 120_000, signal: cancel.signal });
  setTimeout(() => cancel.abort(new Error('cancelled')), 200);
  await expect(connecting).rejects.toThrow(/cancelled|abort/i);
  expect(cancel.signal.aborted).toBe(true);
  sockets.forEach((s) => s.destroy());
  await new Promise((r) => hole.close(r));
}, 10_000);
