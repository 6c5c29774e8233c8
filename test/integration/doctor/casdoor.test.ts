/** The doctor against the Casdoor-shaped emulator: healthy, each fault, each guide error. */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle, Faults } from '../../iam/types.js';
import { tlsProbe } from '../../../main/core/diagnostics/node-deps.js';
import { doctorOn, expectOnly, goodEntry, loginToken } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });
const start = async (faults: Faults = {}) => { h = await startEmulator({ profile: 'casdoor', faults }); return h; };

describe('doctor vs casdoor emulator', () => {
  it('healthy with a logged-in token: no failure; refresh works; CORS is a warning only', async () => {
    const e = await start();
    const token = await loginToken(e);
    const { report, c } = await doctorOn(e, goodEntry(e), { token });
    expectOnly(report, { 'redirect.loopback': 'pass', 'scope.granted': 'pass', 'scope.tool-access': 'pass', 'token.expiry': 'pass', 'token.refresh': 'pass', 'mcp.endpoint': 'pass' });
    expect(c['cors.mcp-preflight']?.status).toBe('warn');
  });

  it('the guide\'s config: nonexistent package, guide scopes, ignored env; network and discovery not blamed', async () => {
    const e = await start();
    const { report } = await doctorOn(e, { command: 'npx', args: ['-y', '@modelcontextprotocol/server-oauth', e.mcpUrl],
      env: { OAUTH_CLIENT_ID: e.clientId, OAUTH_SCOPES: 'read:application write:application openid profile email' } });
    expectOnly(report, { 'config.bridge-package': 'fail', 'config.scope-names': 'fail', 'config.env-ignored': 'warn' });
  });

  it('the guide\'s scope names get insufficient_scope on a tool call, with the scope to request', async () => {
    const e = await start();
    const token = await loginToken(e, 'openid read:application');
    const { report, c } = await doctorOn(e, goodEntry(e, 'openid read:application'), { token });
    expectOnly(report, { 'scope.tool-access': 'fail', 'config.scope-names': 'fail' }, ['scope.granted']);
    expect(c['scope.tool-access']?.cause).toMatch(/needs "application:read"/);
  });

  it('redirect-strict with only mcp-remote\'s default registered: redirect.loopback names the URI', async () => {
    const e = await start({ redirectStrict: true, redirectList: ['http://localhost:33418/oauth/callback'] });
    const { report, c } = await doctorOn(e, goodEntry(e));
    expectOnly(report, { 'redirect.loopback': 'fail' });
    expect(c['redirect.loopback']?.fix).toContain('http://127.0.0.1:33418/callback');
  });

  it('cors-off: CORS warns, nothing fails', async () => {
    const e = await start({ corsOff: true });
    const { report } = await doctorOn(e, goodEntry(e));
    expectOnly(report, { 'cors.mcp-preflight': 'warn' });
  });

  it('no-refresh-grant: token.refresh says to enable Refresh Token', async () => {
    const e = await start({ noRefreshGrant: true });
    const { report, c } = await doctorOn(e, goodEntry(e), { token: await loginToken(e) });
    expectOnly(report, { 'token.refresh': 'warn' });
    expect(c['token.refresh']?.fix).toMatch(/Enable Refresh Token/);
  });

  // refresh-expires-with-access: refresh-jwt.test.ts (the refresh token is a JWT whose exp the doctor reads).

  it('clock-skew warns; revoke-all rejects the token; token-ttl expires it', async () => {
    const e = await start({ clockSkew: 300 });
    const skew = await doctorOn(e, goodEntry(e));
    expectOnly(skew.report, { 'token.clock-skew': 'warn' });
    e.setFaults({});
    const token = await loginToken(e);
    e.setFaults({ revokeAll: true });
    const revoked = await doctorOn(e, goodEntry(e), { token });
    expectOnly(revoked.report, { 'scope.tool-access': 'fail' }, ['token.refresh']);
    expect(revoked.c['scope.tool-access']?.cause).toMatch(/rejected the token/);
    e.setFaults({ tokenTtl: 1 });
    const short = await loginToken(e);
    await new Promise((r) => setTimeout(r, 2100));
    e.setFaults({});
    const expired = await doctorOn(e, goodEntry(e), { token: short });
    expectOnly(expired.report, { 'token.expiry': 'fail' }, ['scope.tool-access', 'token.refresh']);
  });

  it('mcp-path moved: the configured /api/mcp is the wrong URL', async () => {
    const e = await start({ mcpPath: '/mcp-elsewhere' });
    const entry = goodEntry(e);
    (entry.args as string[])[(entry.args as string[]).indexOf(e.mcpUrl)] = `${e.origin}/api/mcp`;
    const { report } = await doctorOn(e, entry);
    expectOnly(report, { 'mcp.endpoint': 'fail' });
  });

  it('tls: an untrusted CA is named; with the CA trusted (NODE_EXTRA_CA_CERTS) it passes', async () => {
    const e = await start({ tls: true });
    const bad = await doctorOn(e, goodEntry(e));
    expectOnly(bad.report, { 'net.tls': 'fail' });
    expect(bad.c['net.tls']?.cause).toMatch(/CA|self-signed/);
    const good = await doctorOn(e, goodEntry(e), {}, { tlsProbe: (host, port, signal) => tlsProbe(host, port, signal, e.caPem) });
    expect(good.c['net.tls']?.status).toBe('pass');
  });

  it('slow server beyond --timeout: bounded by about one timeout', async () => {
    const e = await start({ slow: 5000 });
    const started = Date.now();
    const { report } = await doctorOn(e, goodEntry(e), { timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expectOnly(report, { 'net.http-scheme': 'fail' });
  });
});
