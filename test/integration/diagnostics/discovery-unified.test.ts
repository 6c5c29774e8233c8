/**
 * The doctor's discovery.* checks run on the verifier's discovery (main/core/oauth/discovery.ts):
 * the MCP spec 2025-11-25 order, the SDK's RFC 9728 schema, one fetch per URL per run (memoised
 * across checks), and the raw exchanges as evidence. A hand-made server serves each document.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { byId, fakeBin, mcpRemoteEntry, startFakeRegistry, tempDir, testDeps, writeConfig } from './helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => { while (open.length) await open.pop()?.close(); });

type Docs = Record<string, (origin: string) => unknown>;

/** 401 on /api/mcp with a challenge naming /prm/bad; each path in `docs` answers 200 JSON, the rest 404. */
async function server(docs: Docs) {
  const requests: string[] = [];
  let origin = '';
  const s = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    requests.push(`${req.method} ${path}`);
    req.resume();
    if (path === '/api/mcp') {
      return void res.writeHead(401, { 'www-authenticate': `Bearer realm="x", resource_metadata="${origin}/prm/bad"`, 'content-type': 'application/json' }).end('{}');
    }
    const doc = docs[path];
    if (!doc) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc(origin)));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const handle = { origin, requests, close: () => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }) };
  open.push(handle);
  return handle;
}

async function doctor(docs: Docs) {
  const s = await server(docs);
  const registry = await startFakeRegistry();
  open.push(registry);
  const home = await tempDir();
  await fakeBin(home);
  const configPath = await writeConfig(home, { iam: mcpRemoteEntry(`${s.origin}/api/mcp`, 'client-123', 'openid') });
  const report = await runDoctor({ configPath, timeoutMs: 3000 }, testDeps(home, registry.url));
  return { s, c: byId(report.checks) };
}

const as = (o: string, drop: string[] = []) => Object.fromEntries(Object.entries({
  issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, code_challenge_methods_supported: ['S256'],
  grant_types_supported: ['authorization_code', 'refresh_token'],
}).filter(([k]) => !drop.includes(k)));

describe('doctor discovery through the oauth module', () => {
  it('a challenge URL serving non-RFC 9728 JSON falls through to the path-suffixed well-known URL; every URL is fetched once', async () => {
    const { s, c } = await doctor({
      '/prm/bad': () => ({ hello: 'not metadata' }),
      '/.well-known/oauth-protected-resource/api/mcp': (o) => ({ resource: `${o}/api/mcp`, authorization_servers: [o] }),
      '/.well-known/oauth-authorization-server': (o) => as(o),
    });
    expect(c['discovery.protected-resource']?.status).toBe('pass');
    expect(c['discovery.protected-resource']?.evidence.url).toBe(`${s.origin}/.well-known/oauth-protected-resource/api/mcp`);
    expect(c['discovery.authorization-server']?.status).toBe('pass');
    expect(c['discovery.issuer-match']?.status).toBe('pass');
    expect(c['discovery.issuer-match']?.evidence.expectedFrom).toBe('protected resource metadata');
    for (const path of ['/prm/bad', '/.well-known/oauth-protected-resource/api/mcp', '/.well-known/oauth-authorization-server']) {
      expect(s.requests.filter((r) => r === `GET ${path}`), path).toHaveLength(1);
    }
  });

  it('no PRM anywhere: warns listing the tried URLs with why each failed; the MCP origin is the issuer', async () => {
    const { s, c } = await doctor({ '/prm/bad': () => ({ hello: 1 }), '/.well-known/openid-configuration': (o) => as(o) });
    expect(c['discovery.protected-resource']?.status).toBe('warn');
    expect(c['discovery.protected-resource']?.cause).toContain(`${s.origin}/prm/bad, ${s.origin}/.well-known/oauth-protected-resource/api/mcp, ${s.origin}/.well-known/oauth-protected-resource`);
    const tried = c['discovery.protected-resource']?.evidence.tried as { url: string; status?: number; problem?: string }[];
    expect(tried.map((t) => t.status)).toEqual([200, 404, 404]);
    expect(tried[0]?.problem).toMatch(/not RFC 9728 metadata/);
    // RFC 8414 first, then OpenID Connect Discovery (spec order).
    expect(c['discovery.authorization-server']?.evidence.url).toBe(`${s.origin}/.well-known/openid-configuration`);
    expect(c['discovery.issuer-match']?.evidence.expectedFrom).toBe('MCP URL origin (no PRM)');
  });

  it('metadata lacking token_endpoint is incomplete (named), not missing', async () => {
    const { c } = await doctor({ '/.well-known/oauth-authorization-server': (o) => as(o, ['token_endpoint']) });
    expect(c['discovery.authorization-server']?.status).toBe('fail');
    expect(c['discovery.authorization-server']?.cause).toMatch(/lacks token_endpoint\./);
    expect(c['discovery.pkce-s256']?.status).toBe('skip');
  });

  it('no metadata at all: as-missing names both well-known URLs and shows the last exchange', async () => {
    const { s, c } = await doctor({});
    expect(c['discovery.authorization-server']?.status).toBe('fail');
    expect(c['discovery.authorization-server']?.cause).toContain(`${s.origin}/.well-known/oauth-authorization-server, ${s.origin}/.well-known/openid-configuration.`);
    expect((c['discovery.authorization-server']?.evidence.last as { status?: number }).status).toBe(404);
  });
});
