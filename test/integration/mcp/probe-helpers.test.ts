import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { httpExchange } from '../../../main/core/http/exchange.js';
import { firstJsonRpc, initializeRequest, probeMcp } from '../../../main/core/mcp/probe.js';
import { byId, tempDir, testDeps } from '../diagnostics/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()?.(); });

/** An MCP endpoint on 127.0.0.1 that records every initialize it receives and answers plain JSON. */
async function recordingServer(): Promise<{ url: string; inits: Record<string, unknown>[] }> {
  const inits: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const msg = body ? JSON.parse(body) as { id?: number; method?: string; params?: Record<string, unknown> } : {};
      if (msg.method === 'initialize') {
        inits.push(msg.params ?? {});
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'rec', version: '1' } } }));
      }
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"' });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mcp`, inits };
}

describe('one MCP initialize and one JSON-RPC reader for verify and doctor', () => {
  it('initializeRequest carries the SDK latest protocol version and the client name', () => {
    expect(initializeRequest('x', 7)).toEqual({ jsonrpc: '2.0', id: 7, method: 'initialize',
      params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'x', version: '0.1.0' } } });
  });

  it('firstJsonRpc reads JSON and SSE bodies and ignores JSON that is not JSON-RPC 2.0', () => {
    expect(firstJsonRpc('{"jsonrpc":"2.0","id":1,"result":{}}', 'application/json')).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    expect(firstJsonRpc('event: message\ndata: {"x":1}\ndata: {"jsonrpc":"2.0","id":2,"result":{}}\n\n', 'text/event-stream')?.id).toBe(2);
    expect(firstJsonRpc('{"error":"not found"}', 'application/json')).toBeUndefined();
    expect(firstJsonRpc('<html></html>', 'text/html')).toBeUndefined();
  });

  it('the doctor and the verify probe send the same protocol version', async () => {
    const server = await recordingServer();
    await probeMcp((req) => httpExchange(fetch, { ...req, timeoutMs: 2000 }), server.url);
    const home = await tempDir();
    const report = await runDoctor({ url: server.url, clientId: 'c', timeoutMs: 2000 }, testDeps(home, 'http://127.0.0.1:9'));
    expect(byId(report.checks)['mcp.endpoint']?.status).toBe('pass');
    expect(server.inits.length).toBeGreaterThanOrEqual(2);
    expect(server.inits.map((p) => p.protocolVersion)).toEqual(server.inits.map(() => LATEST_PROTOCOL_VERSION));
  });
});
