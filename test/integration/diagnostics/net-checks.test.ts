import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { tlsProbe } from '../../../main/core/diagnostics/node-deps.js';
import { byId, failures, tempDir, testDeps } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()?.(); });

async function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => { (server as http.Server).closeAllConnections?.(); server.close(() => r()); }));
  return (server.address() as AddressInfo).port;
}

async function doctor(url: string, over: Parameters<typeof testDeps>[2] = {}, timeoutMs = 3000) {
  const home = await tempDir();
  const report = await runDoctor({ url, clientId: "c", timeoutMs }, testDeps(home, 'http://127.0.0.1:9', over));
  return { report, c: byId(report.checks) };
}

const CA = selfsigned.generate([{ name: 'commonName', value: 'Doctor Test CA' }], {
  keySize: 2048, extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }] });

async function httpsServer(opts: { host?: string; expired?: boolean; selfSigned?: boolean }): Promise<number> {
  const ca = await CA;
  const notAfter = opts.expired ? new Date(Date.now() - 86_400_000) : new Date(Date.now() + 86_400_000);
  const notBefore = new Date(Date.now() - 2 * 86_400_000);
  const cert = await selfsigned.generate([{ name: 'commonName', value: opts.host ?? '127.0.0.1' }], {
    keySize: 2048, notBeforeDate: notBefore, notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: opts.host ? [{ type: 2, value: opts.host }] : [{ type: 7, ip: '127.0.0.1' }] }],
    ...(opts.selfSigned ? {} : { ca: { key: ca.private, cert: ca.cert } }) });
  return listen(https.createServer({ key: cert.private, cert: cert.cert }, (_req, res) => { res.writeHead(404); res.end(); }));
}

const probeWithCa = async (host: string, port: number, signal: AbortSignal) => tlsProbe(host, port, signal, (await CA).cert);

describe('net.* and mcp.endpoint', () => {
  it('names an unresolvable host and a refused port', async () => {
    const dns = await doctor('https://doctor-test-host.invalid/api/mcp');
    expect(dns.c['net.dns']?.status).toBe('fail');
    expect(dns.c['net.dns']?.cause).toMatch(/doctor-test-host\.invalid does not resolve/);
    const free = await listen(net.createServer());
    cleanups.pop()?.();
    const tcp = await doctor(`http://127.0.0.1:${free}/api/mcp`);
    expect(tcp.c['net.tcp']?.status).toBe('fail');
    expect(tcp.c['net.tcp']?.evidence.code).toBe('ECONNREFUSED');
    expect(failures(tcp.report.checks)).toEqual(['net.tcp']);
  });

  it('names an expired, a self-signed and a wrong-host certificate, and passes a good one', async () => {
    const tlsFail = async (port: number) => (await doctor(`https://127.0.0.1:${port}/api/mcp`, { tlsProbe: probeWithCa })).c['net.tls'];
    expect((await tlsFail(await httpsServer({ expired: true })))?.cause).toMatch(/has expired/);
    expect((await tlsFail(await httpsServer({ selfSigned: true })))?.cause).toMatch(/self-signed/);
    const wrong = await tlsFail(await httpsServer({ host: 'other.example' }));
    expect(wrong?.status).toBe('fail');
    expect(wrong?.cause).toMatch(/other\.example, not for 127\.0\.0\.1/);
    expect((await tlsFail(await httpsServer({})))?.status).toBe('pass');
  });

  it('net.http-scheme: https to a plain-http port, http to a TLS port, and a redirect', async () => {
    const plain = await listen(http.createServer((req, res) => {
      if (req.url === '/old') { res.writeHead(301, { location: '/api/mcp/' }); return res.end(); }
      res.writeHead(404); res.end();
    }));
    const a = await doctor(`https://127.0.0.1:${plain}/api/mcp`);
    expect(a.c['net.tls']?.status).toBe('skip');
    expect(a.c['net.http-scheme']?.status).toBe('fail');
    expect(a.c['net.http-scheme']?.fix).toContain(`http://127.0.0.1:${plain}/api/mcp`);
    const tlsPort = await httpsServer({});
    const b = await doctor(`http://127.0.0.1:${tlsPort}/api/mcp`);
    expect(b.c['net.http-scheme']?.status).toBe('fail');
    expect(b.c['net.http-scheme']?.fix).toContain(`https://127.0.0.1:${tlsPort}/api/mcp`);
    const c = await doctor(`http://127.0.0.1:${plain}/old`);
    expect(c.c['net.http-scheme']?.status).toBe('fail');
    expect(c.c['net.http-scheme']?.cause).toMatch(/redirect \(301\)/);
  });

  it('mcp.endpoint: 404, an HTML login page, and a real MCP reply', async () => {
    const port = await listen(http.createServer((req, res) => {
      if (req.url === '/login') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end('<html><form>Sign in<input type=password></form></html>'); }
      if (req.url === '/api/mcp') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.end('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"x","version":"1"}}}\n\n');
      }
      res.writeHead(404); res.end('not found');
    }));
    expect((await doctor(`http://127.0.0.1:${port}/mcp`)).c['mcp.endpoint']?.cause).toMatch(/404.*wrong URL/);
    const html = (await doctor(`http://127.0.0.1:${port}/login`)).c['mcp.endpoint'];
    expect(html?.status).toBe('fail');
    expect(html?.cause).toMatch(/login page/);
    const ok = (await doctor(`http://127.0.0.1:${port}/api/mcp`)).c['mcp.endpoint'];
    expect(ok?.status).toBe('pass');
    expect(ok?.evidence.protocolVersion).toBe('2025-06-18');
  });

  it('a black-holed host (accepts, never answers) costs about one timeout', async () => {
    const sockets: net.Socket[] = [];
    const port = await listen(net.createServer((s) => { sockets.push(s); }));
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    const started = Date.now();
    const { report, c } = await doctor(`http://127.0.0.1:${port}/api/mcp`, {}, 1000);
    const took = Date.now() - started;
    expect(c['net.http-scheme']?.status).toBe('fail');
    expect(c['net.http-scheme']?.cause).toMatch(/within 1000 ms/);
    expect(failures(report.checks)).toEqual(['net.http-scheme']);
    expect(took).toBeLessThan(2000);
  });
});
