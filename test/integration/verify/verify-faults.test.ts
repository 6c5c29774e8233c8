import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTrustingCa } from '../../../main/core/verify/ca-fetch.js';
import { headlessBrowser } from '../../../main/core/verify/browser.js';
import { runVerify, verifyPassed } from '../../../main/core/verify/run-verify.js';
import type { VerifyResult } from '../../../main/core/verify/types.js';
import { startFakeIam, type FakeFaults, type FakeIam } from './fake-iam.js';

let iam: FakeIam | undefined;
afterEach(async () => { await iam?.close(); iam = undefined; });

const SCOPES = ['openid', 'profile', 'email', 'application:read'];

async function verify(faults: FakeFaults, opts: { scopes?: string[]; ca?: boolean } = {}): Promise<VerifyResult> {
  iam = await startFakeIam(faults);
  const fetch = opts.ca && iam.caPem ? fetchTrustingCa(iam.caPem) : (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
  return runVerify({ url: iam.mcpUrl, clientId: iam.clientId, scopes: opts.scopes ?? SCOPES, timeoutMs: 5000, callbackTimeoutMs: 5000 },
    { fetch, now: Date.now, openBrowser: headlessBrowser(fetch, 5000) });
}

const status = (r: VerifyResult, id: string) => r.steps.find((s) => s.id === id)?.status;
const failed = (r: VerifyResult) => r.steps.filter((s) => s.status === 'fail').map((s) => s.id);

describe('verify against a Casdoor-shaped fake IAM', () => {
  it('passes every step on a healthy server, and prints no raw token', async () => {
    const r = await verify({});
    expect(failed(r)).toEqual([]);
    expect(verifyPassed(r)).toBe(true);
    for (const id of ['mcp.probe', 'discovery.protected-resource', 'discovery.authorization-server', 'token.exchange', 'token.inspect', 'token.refresh', 'mcp.initialize', 'mcp.tools-list', 'mcp.tool-call', 'scope.tool-access', 'cleanup.revoke']) {
      expect(status(r, id), id).toBe('pass');
    }
    expect(r.steps.find((s) => s.id === 'mcp.tool-call')?.evidence).toMatchObject({ tool: 'get_applications', args: { owner: 'built-in' } });
    expect(r.token?.claims).toMatchObject({ owner: 'built-in', scope: SCOPES.join(' ') });
    expect(JSON.stringify(r)).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
    expect(iam!.revokedTokens.length).toBeGreaterThanOrEqual(2);
  });

  it.each<[string, FakeFaults, string, RegExp]>([
    ['S256 missing', { noS256: true }, 'discovery.authorization-server', /S256/],
    ['issuer mismatch', { issuerMismatch: true }, 'discovery.authorization-server', /RFC 8414 §3\.3/],
    ['redirect refused', { redirectRefused: true }, 'redirect.loopback', /redirect/],
    ['state mismatch', { stateMismatch: true }, 'oauth.callback', /state/],
    ['expired token', { expired: true }, 'token.expiry', /expired|dead on arrival/],
    ['refresh grant off', { noRefreshGrant: true }, 'token.refresh', /refresh_token is not supported/],
    ['revoked token', { revoked: true }, 'mcp.tool-call', /refused the access token/],
    ['TLS with an unknown CA', { tls: true }, 'mcp.probe', /UNKNOWN_CA|SELF_SIGNED|certificate/i],
  ])('%s is attributed to %s', async (_name, faults, stepId, cause) => {
    const r = await verify(faults);
    if (failed(r)[0] !== stepId) console.log(JSON.stringify(r.steps.filter((s) => s.status === "fail")));
    expect(failed(r)[0]).toBe(stepId);
    expect(r.steps.find((s) => s.id === stepId)?.cause).toMatch(cause);
    expect(verifyPassed(r)).toBe(false);
  });

  it('a forged callback on the predictable port (wrong state, foreign Host) does not spoil the sign-in', async () => {
    iam = await startFakeIam({});
    const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
    const headless = headlessBrowser(fetch, 5000);
    const http = await import('node:http');
    const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, scopes: SCOPES, timeoutMs: 5000, callbackTimeoutMs: 5000 }, {
      fetch, now: Date.now,
      openBrowser: async (url, signal) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        expect((await fetch(`${redirect}?code=attacker-code&state=forged`)).status).toBe(400);
        const foreign = await new Promise<number>((resolve, reject) => {
          http.request({ host: '127.0.0.1', port: Number(redirect.port), path: `${redirect.pathname}?code=attacker-code&state=forged`, headers: { host: 'rebound.example' } },
            (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
        });
        expect(foreign).toBe(421);
        await headless(url, signal);
      },
    });
    expect(failed(r)).toEqual([]);
    expect(status(r, 'oauth.callback')).toBe('pass');
  });

  it('an opaque access token is said to be opaque and introspected (RFC 7662)', async () => {
    const r = await verify({ opaque: true });
    const inspect = r.steps.find((s) => s.id === 'token.inspect');
    expect(inspect?.status).toBe('pass');
    expect(inspect?.evidence.format).toBe('opaque');
    expect(inspect?.evidence.introspection).toMatchObject({ active: true, scope: SCOPES.join(' ') });
    expect(r.token?.claims).toMatchObject({ owner: 'built-in', active: true });
    expect(failed(r)).toEqual([]);
    expect(status(r, 'mcp.tool-call')).toBe('pass');
  });

  it('a wrong MCP path fails mcp.probe and stops before the sign-in', async () => {
    iam = await startFakeIam({});
    const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
    let opened = 0;
    const r = await runVerify({ url: `${iam.origin}/mcp`, clientId: iam.clientId, timeoutMs: 5000 },
      { fetch, now: Date.now, openBrowser: async () => { opened++; } });
    expect(failed(r)).toEqual(['mcp.probe']);
    expect(r.steps[0]?.cause).toMatch(/HTTP 404.*not an MCP endpoint/);
    expect(opened).toBe(0);
  });

  it('TLS passes when the CA is supplied', async () => {
    const r = await verify({ tls: true }, { ca: true });
    expect(failed(r)).toEqual([]);
  });

  it('insufficient_scope (Casdoor dialect: HTTP 200, JSON-RPC -32001) names the missing scope', async () => {
    const r = await verify({ scopeDialect: 'casdoor' }, { scopes: ['openid', 'read:application'] });
    const scope = r.steps.find((s) => s.id === 'scope.tool-access');
    expect(scope?.status).toBe('fail');
    expect(scope?.cause).toContain('needs scope application:read');
    expect(scope?.cause).toContain('JSON-RPC -32001');
    expect(status(r, 'mcp.tool-call')).toBe('fail');
    expect(status(r, 'token.exchange')).toBe('pass');
  });

  it('insufficient_scope (HTTP 403 challenge): one step-up, then a warning naming the scope', async () => {
    const r = await verify({ scopeDialect: 'http-403' }, { scopes: ['openid', 'read:application'] });
    expect(r.steps.find((s) => s.id === 'scope.step-up')).toMatchObject({ status: 'warn', evidence: { addedScopes: ['application:read'] } });
    expect(status(r, 'mcp.tool-call')).toBe('pass');
    const scope = r.steps.find((s) => s.id === 'scope.tool-access');
    expect(scope?.status).toBe('warn');
    expect(scope?.cause).toContain('application:read');
  });

  it('a 403 scope challenge on tools/list steps up there, once', async () => {
    const r = await verify({ scopeDialect: 'http-403', listNeedsScope: true }, { scopes: ['openid'] });
    expect(r.steps.filter((s) => s.id === 'scope.step-up')).toHaveLength(1);
    expect(status(r, 'mcp.tools-list')).toBe('pass');
    expect(status(r, 'mcp.tool-call')).toBe('pass');
    expect(status(r, 'scope.tool-access')).toBe('warn');
    expect(failed(r)).toEqual([]);
  });

  it('insufficient_scope (HTTP 403) without step-up allowed is a failure naming the scope', async () => {
    iam = await startFakeIam({ scopeDialect: 'http-403' });
    const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
    const r = await runVerify({ url: iam.mcpUrl, clientId: iam.clientId, scopes: ['openid'], maxStepUps: 0, timeoutMs: 5000 },
      { fetch, now: Date.now, openBrowser: headlessBrowser(fetch, 5000) });
    const scope = r.steps.find((s) => s.id === 'scope.tool-access');
    expect(scope?.status).toBe('fail');
    expect(scope?.cause).toMatch(/needs scope application:read.*HTTP 403/);
  });

  it('--ca from the CLI reaches every request', async () => {
    iam = await startFakeIam({ tls: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-ca-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), iam.caPem!);
    const { main } = await import('../../../main/cli/index.js');
    const out: string[] = [];
    const code = await main(['verify', '--url', iam.mcpUrl, '--client-id', iam.clientId, '--scopes', SCOPES.join(' '), '--headless', '--ca', path.join(dir, 'ca.pem'), '--json'],
      { stdout: (t) => out.push(t), stderr: () => undefined, env: {}, cwd: dir, platform: 'linux', homedir: dir, signal: new AbortController().signal });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(JSON.parse(out.join('')).steps.every((s: { status: string }) => s.status !== 'fail')).toBe(true);
  });
});
