import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorInput } from '../../../main/core/diagnostics/doctor.js';
import { startFakeIam, type FakeIam, type FakeIamOptions } from './fake-iam.js';
import { byId, failures, fakeBin, mcpRemoteEntry, startFakeRegistry, tempDir, testDeps, writeConfig } from './helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => { while (open.length) await open.pop()?.close(); });

async function against(iam: FakeIamOptions, entry: (s: FakeIam) => Record<string, unknown>, input: Partial<DoctorInput> = {}) {
  const server = await startFakeIam(iam);
  const registry = await startFakeRegistry();
  open.push(server, registry);
  const home = await tempDir();
  await fakeBin(home);
  const configPath = await writeConfig(home, { iam: entry(server) });
  const report = await runDoctor({ configPath, timeoutMs: 3000, ...input }, testDeps(home, registry.url));
  return { server, report, c: byId(report.checks) };
}

const good = (scopes = 'openid profile email application:read') => (s: FakeIam) => mcpRemoteEntry(s.mcpUrl, 'client-123', scopes);
/** Ids whose failure would be unrelated to the fault under test. */
const UNRELATED_OK = (fails: string[], allowed: string[]) => expect(fails.filter((f) => !allowed.includes(f))).toEqual([]);

describe('against a Casdoor-shaped fake', () => {
  it('a healthy setup has no failure; CORS only warns and says Claude Desktop is unaffected', async () => {
    const { report, c } = await against({}, good());
    expect(failures(report.checks)).toEqual([]);
    for (const id of ['mcp.endpoint', 'discovery.protected-resource', 'discovery.authorization-server', 'discovery.pkce-s256', 'discovery.issuer-match', 'discovery.grant-types', 'redirect.loopback']) {
      expect(c[id]?.status, `${id}: ${c[id]?.cause}`).toBe('pass');
    }
    expect(c['redirect.loopback']?.evidence.method).toBe('GET /api/get-app-login');
    expect(c['cors.mcp-preflight']?.status).toBe('warn');
    expect(c['cors.mcp-preflight']?.cause).toMatch(/mcp-protocol-version, mcp-session-id not allowed/);
    expect(c['cors.mcp-preflight']?.cause).toMatch(/www-authenticate and mcp-session-id not exposed/);
    expect(c['cors.mcp-preflight']?.cause).toMatch(/Claude Desktop \(no browser origin\) is not affected/);
  });

  it('CORS off: every cors check warns, nothing fails', async () => {
    const { report, c } = await against({ cors: false }, good());
    expect(failures(report.checks)).toEqual([]);
    expect(c['cors.mcp-preflight']?.status).toBe('warn');
    expect(c['cors.mcp-preflight']?.cause).toMatch(/answered 403/);
    // One refusal shared by both origins reads once.
    expect(c['cors.mcp-preflight']?.cause?.match(/the preflight \(OPTIONS\) is answered 403/g)).toHaveLength(1);
    expect(c['cors.metadata']?.status).toBe('warn');
    expect(c['cors.token-endpoint']?.status).toBe('warn');
  });

  it('a redirect URI Casdoor refuses (strict list) is named with the URI to add', async () => {
    const { report, c } = await against({ strictLoopback: true, redirectUris: ['http://localhost:33418/callback'] }, good());
    expect(c['redirect.loopback']?.status).toBe('fail');
    expect(c['redirect.loopback']?.cause).toContain('http://127.0.0.1:33418/callback');
    expect(c['redirect.loopback']?.cause).toMatch(/"localhost" and "127.0.0.1" are different hosts/);
    expect(c['redirect.loopback']?.fix).toMatch(/--host localhost --callback-path \/callback/);
    UNRELATED_OK(failures(report.checks), ['redirect.loopback']);
  });

  it('an unknown client id is named', async () => {
    const { c } = await against({}, (s) => mcpRemoteEntry(s.mcpUrl, 'wrong-client', 'openid'));
    expect(c['redirect.loopback']?.status).toBe('fail');
    expect(c['redirect.loopback']?.cause).toMatch(/does not know the client id "wrong-client"/);
  });

  it('discovery faults: no PRM warns, no PKCE fails, issuer mismatch fails, no refresh grant warns', async () => {
    const noPrm = await against({ prm: false }, good());
    expect(noPrm.c['discovery.protected-resource']?.status).toBe('warn');
    expect(noPrm.c['discovery.authorization-server']?.status).toBe('pass');
    const noPkce = await against({ pkce: false }, good());
    expect(noPkce.c['discovery.pkce-s256']?.status).toBe('fail');
    UNRELATED_OK(failures(noPkce.report.checks), ['discovery.pkce-s256']);
    const iss = await against({ issuer: 'https://elsewhere.example' }, good());
    expect(iss.c['discovery.issuer-match']?.status).toBe('fail');
    UNRELATED_OK(failures(iss.report.checks), ['discovery.issuer-match']);
    const grants = await against({ grantTypes: ['authorization_code'] }, good());
    expect(grants.c['discovery.grant-types']?.status).toBe('warn');
    expect(grants.c['discovery.grant-types']?.cause).toMatch(/refresh_token/);
  });

  it('the clock skew warns past 60 s', async () => {
    const { c } = await against({ skewS: 300 }, good());
    expect(c['token.clock-skew']?.status).toBe('warn');
    expect(Math.abs(Number(c['token.clock-skew']?.evidence.skewS) + 300)).toBeLessThanOrEqual(2);
  });
});

describe('against a standard (newer Hanzo) fake', () => {
  it('mcp-remote\'s default /oauth/callback on localhost is refused; the rule is named', async () => {
    const { report, c } = await against({ shape: 'standard', redirectUris: ['http://127.0.0.1/callback'] },
      (s) => ({ command: 'npx', args: ['-y', 'mcp-remote', s.mcpUrl, '33418', '--static-oauth-client-info', '{"client_id":"client-123"}', '--static-oauth-client-metadata', '{"scope":"openid"}'] }));
    const r = c['redirect.loopback'];
    expect(r?.status).toBe('fail');
    expect(r?.evidence.method).toBe('GET authorization_endpoint');
    expect(r?.cause).toContain('http://localhost:33418/oauth/callback');
    expect(r?.evidence.variants).toContainEqual({ uri: 'http://127.0.0.1:33418/callback', verdict: 'accepted' });
    expect(r?.fix).toMatch(/--host 127\.0\.0\.1 --callback-path \/callback/);
    UNRELATED_OK(failures(report.checks), ['redirect.loopback']);
  });

  it('the helper\'s 127.0.0.1 /callback entry is accepted on any port', async () => {
    const { c } = await against({ shape: 'standard', redirectUris: ['http://127.0.0.1/callback'] }, good());
    expect(c['redirect.loopback']?.status).toBe('pass');
  });

  it('only another port registered on localhost: the exact-match rule is named', async () => {
    const { c } = await against({ shape: 'standard', redirectUris: ['http://localhost:9999/oauth/callback'] }, good());
    expect(c['redirect.loopback']?.status).toBe('fail');
    expect(c['redirect.loopback']?.cause).toMatch(/not in the application's Redirect URIs list/);
    expect(c['redirect.loopback']?.fix).toContain('Add http://127.0.0.1:33418/callback');
  });
});
