/** The doctor against the newer Hanzo (hanzo-v1) and the spec (oidc-provider + MCP SDK) profiles. */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { startSpecServer } from '../../iam/spec/server.js';
import type { EmulatorHandle, Faults } from '../../iam/types.js';
import { doctorOn, expectOnly, goodEntry, loginToken } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

describe('doctor vs hanzo-v1 emulator', () => {
  const start = async (faults: Faults = {}) => { h = await startEmulator({ profile: 'hanzo-v1', faults }); return h; };

  it('healthy helper entry with a token: no failure', async () => {
    const e = await start();
    const { report } = await doctorOn(e, goodEntry(e), { token: await loginToken(e) });
    expectOnly(report, { 'redirect.loopback': 'pass', 'scope.tool-access': 'pass', 'token.expiry': 'pass', 'discovery.authorization-server': 'pass' });
  });

  it('mcp-remote\'s default callback (localhost, /oauth/callback) is refused, the rule and both fixes named', async () => {
    const e = await start();
    const entry = { command: 'npx', args: ['-y', 'mcp-remote', e.mcpUrl, '33418', '--static-oauth-client-info', JSON.stringify({ client_id: e.clientId }),
      '--static-oauth-client-metadata', JSON.stringify({ scope: 'openid profile email application:read' })] };
    const { report, c } = await doctorOn(e, entry);
    expectOnly(report, { 'redirect.loopback': 'fail' });
    const r = c['redirect.loopback'];
    expect(r?.cause).toContain('http://localhost:33418/oauth/callback');
    expect(r?.fix).toContain('Add http://localhost:33418/oauth/callback');
    expect(r?.fix).toMatch(/--host 127\.0\.0\.1 --callback-path \/callback/);
  });

  it('only mcp-remote\'s default registered: the helper entry\'s 127.0.0.1 URI is refused and named', async () => {
    const e = await start({ redirectList: ['http://localhost:33418/oauth/callback'] });
    const { report, c } = await doctorOn(e, goodEntry(e));
    expectOnly(report, { 'redirect.loopback': 'fail' });
    expect(JSON.stringify(c['redirect.loopback'])).toMatch(/127\.0\.0\.1:33418\/callback/);
  });

  it('an unknown client id is named', async () => {
    const e = await start();
    const entry = goodEntry(e);
    const args = entry.args as string[];
    args[args.findIndex((a) => a.includes('client_id'))] = JSON.stringify({ client_id: 'no-such-client' });
    const { report, c } = await doctorOn(e, entry);
    expectOnly(report, { 'redirect.loopback': 'fail' });
    expect(c['redirect.loopback']?.cause).toMatch(/no-such-client/);
  });
});

describe('doctor vs spec profile', () => {
  const start = async (faults: Faults = {}) => { h = await startSpecServer({ profile: 'spec', faults }); return h; };

  it('healthy with a token: no failure, PRM from the 401 challenge', async () => {
    const e = await start();
    const { report, c } = await doctorOn(e, goodEntry(e, 'openid profile email application:read'), { token: await loginToken(e) });
    expectOnly(report, { 'mcp.endpoint': 'pass', 'discovery.protected-resource': 'pass', 'discovery.pkce-s256': 'pass', 'scope.tool-access': 'pass' });
    expect(c['discovery.protected-resource']?.evidence.url).toMatch(/oauth-protected-resource/);
  });

  it('a token without the write scope: --probe-write names the 403 insufficient_scope', async () => {
    const e = await start();
    const { report, c } = await doctorOn(e, goodEntry(e), { token: await loginToken(e), probeWrite: true });
    expectOnly(report, { 'scope.tool-access': 'fail' });
    expect(c['scope.tool-access']?.cause).toMatch(/insufficient_scope/);
  });
});
