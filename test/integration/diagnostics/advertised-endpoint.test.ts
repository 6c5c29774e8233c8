import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { byId, tempDir, testDeps } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()?.(); });

describe('mcp.endpoint names the advertised endpoint from the run\'s one discovery', () => {
  it('a 404 at the wrong path names the PRM resource, and the root PRM is fetched once per run', async () => {
    const hits: string[] = [];
    let origin = '';
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/.well-known/oauth-protected-resource') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ resource: `${origin}/api/mcp`, authorization_servers: [origin] }));
      }
      res.writeHead(404); res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const report = await runDoctor({ url: `${origin}/mcp`, clientId: 'c', timeoutMs: 2000 }, testDeps(await tempDir(), 'http://127.0.0.1:9'));
    const check = byId(report.checks)['mcp.endpoint'];
    expect(check?.status).toBe('fail');
    expect(check?.cause).toContain(`the server names ${origin}/api/mcp as its MCP endpoint`);
    expect(hits.filter((h) => h === '/.well-known/oauth-protected-resource')).toHaveLength(1);
  });
});
