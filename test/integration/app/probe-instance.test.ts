/**
 * probeInstance against the emulator and plain loopback servers: a base URL finds the MCP endpoint
 * of each server generation; dead, non-MCP and malformed addresses answer with a sentence.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { probeInstance } from '../../../main/app/probe-instance.js';
import { startEmulator, type EmulatorHandle } from '../../iam/index.js';

const fetchFn = (i: string | URL, init?: RequestInit) => fetch(i, init);
const open: EmulatorHandle[] = [];
afterAll(async () => { await Promise.all(open.map((h) => h.close())); });

describe('probeInstance', () => {
  it.each([['casdoor', '/api/mcp'], ['hanzo-v1', '/mcp']] as const)('finds the MCP endpoint of %s from its base URL', async (profile, mcpPath) => {
    const iam = await startEmulator({ profile });
    open.push(iam);
    const r = await probeInstance(fetchFn, iam.origin);
    expect(r.verdict).toBe('mcp-endpoint');
    expect(r.mcpEndpoint).toBe(`${iam.origin}${mcpPath}`);
    expect(r.authorizationServer).toBeDefined();
    expect(r.issuer).toBe(iam.issuer);
    expect(r.generation).toContain(mcpPath);
  });

  it('keeps an MCP URL given in full', async () => {
    const iam = await startEmulator({ profile: 'casdoor' });
    open.push(iam);
    expect((await probeInstance(fetchFn, iam.mcpUrl)).mcpEndpoint).toBe(iam.mcpUrl);
  });

  it('names a server that is not MCP, with what to enter instead', async () => {
    const server = http.createServer((_req, res) => { res.statusCode = 404; res.end('not here'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await probeInstance(fetchFn, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(r.verdict).toBe('not-mcp');
      expect(r.reachable).toBe(true);
      expect(r.message).toMatch(/Enter the MCP URL/);
    } finally {
      server.close();
    }
  });

  it('says nothing answered at a closed port, and rejects a non-web address', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const dead = await probeInstance(fetchFn, `http://127.0.0.1:${port}`);
    expect(dead.verdict).toBe('unreachable');
    expect(dead.message).toMatch(/^Nothing answered at 127\.0\.0\.1:\d+ .*check again\.$/);
    const bad = await probeInstance(fetchFn, 'ftp://iam.example.com');
    expect(bad.verdict).toBe('invalid-url');
  });
});
