/**
 * connector.* against the real emulator, each verdict from the server's own behaviour: callbacks
 * registered or not (fault claude-callbacks), DCR on or off (fault dcr), S256 advertised or not
 * (fault pkce-unadvertised), the PRM resource equal to the URL or not, and a certificate that
 * verifies only with the emulator's CA added to the public roots (fault tls).
 */
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorChecks } from '../../../main/core/connector/run-connector.js';
import { nodeConnectorDeps } from '../../../main/core/connector/node-connector-deps.js';
import { publicTlsProbe } from '../../../main/core/connector/public-tls.js';
import { CLAUDE_CALLBACKS } from '../../../main/core/connector/claude-facts.js';
import { startEmulator, type EmulatorHandle, type Faults, type ProfileName } from '../../iam/index.js';

let em: EmulatorHandle | undefined;
afterEach(async () => { await em?.close(); em = undefined; });

const deps = () => nodeConnectorDeps({ env: {}, platform: 'linux', homedir: '/nonexistent' });

async function run(profile: ProfileName, faults: Faults, o: { clientId?: string | null; url?: (e: EmulatorHandle) => string } = {}) {
  em = await startEmulator({ profile, faults });
  const clientId = o.clientId === null ? undefined : o.clientId ?? em.clientId;
  const report = await connectorChecks({ url: o.url ? o.url(em) : em.mcpUrl, ...(clientId ? { clientId } : {}) }, deps());
  return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

describe.each<ProfileName>(['casdoor', 'hanzo-v1'])('connector checks against %s', (profile) => {
  it('callbacks: refused by default, accepted with claude-callbacks, unknown client named', async () => {
    const refused = await run(profile, {});
    expect(refused['connector.callback-registered']).toMatchObject({ status: 'fail', evidence: { add: [...CLAUDE_CALLBACKS] } });
    await em!.close(); em = undefined;
    const ok = await run(profile, { claudeCallbacks: true });
    expect(ok['connector.callback-registered']!.status).toBe('pass');
    expect(Object.values(ok['connector.callback-registered']!.evidence.verdicts as object)).toEqual(['accepted', 'accepted']);
    await em!.close(); em = undefined;
    const unknown = await run(profile, { claudeCallbacks: true }, { clientId: 'no-such-app' });
    expect(unknown['connector.callback-registered']!.cause).toMatch(/does not know the client id "no-such-app"/);
  });

  it('registration without a client ID: DCR off fails, DCR on passes', async () => {
    const off = await run(profile, {}, { clientId: null });
    expect(off['connector.registration']!.status).toBe('fail');
    expect(off['connector.registration']!.cause).toMatch(profile === 'casdoor' ? /registration is refused \(dynamic client registration is disabled/ : /neither dynamic client registration/);
    expect(off['connector.callback-registered']!.status).toBe('skip');
    await em!.close(); em = undefined;
    const on = await run(profile, { dcr: true }, { clientId: null });
    expect(on['connector.registration']).toMatchObject({ status: 'pass', evidence: { how: 'dynamic client registration (RFC 7591)' } });
  });

  it('S256 advertised passes; pkce-unadvertised fails', async () => {
    expect((await run(profile, {}))['connector.pkce-s256']!.status).toBe('pass');
    await em!.close(); em = undefined;
    expect((await run(profile, { pkceUnadvertised: true }))['connector.pkce-s256']!.status).toBe('fail');
  });

  it('resource-match passes for the URL the metadata names and fails for another spelling of it', async () => {
    const same = await run(profile, {});
    expect(same['connector.resource-match']!.status).toBe('pass');
    await em!.close(); em = undefined;
    const other = await run(profile, {}, { url: (e) => `${e.mcpUrl}/` });
    expect(other['connector.resource-match']!.status).toBe('fail');
    expect(other['connector.resource-match']!.cause).toMatch(/names http:\/\/127\.0\.0\.1:\d+\/\S*mcp as the resource, not http:\/\/127\.0\.0\.1:\d+\/\S*mcp\//);
  });

  it('a loopback IAM: public-host and public-tls fail with the reason', async () => {
    const c = await run(profile, { claudeCallbacks: true });
    expect(c['connector.public-host']!.cause).toMatch(/The address 127\.0\.0\.1 is loopback .*not reachable from Anthropic's cloud/);
    expect(c['connector.public-tls']!.cause).toMatch(/uses plain http/);
  });
});

describe('connector.public-tls with a selfsigned chain (fault tls)', () => {
  it('fails against the public roots alone, passes once the emulator CA is added to them', async () => {
    em = await startEmulator({ profile: 'casdoor', faults: { tls: true } });
    const u = new URL(em.mcpUrl);
    const signal = new AbortController().signal;
    const publicOnly = await publicTlsProbe(u.hostname, Number(u.port), signal);
    expect(publicOnly.authorized).toBe(false);
    expect(publicOnly.errorCode).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    const withCa = await publicTlsProbe(u.hostname, Number(u.port), signal, { ca: [...tls.rootCertificates, em.caPem!] });
    expect(withCa.authorized).toBe(true);

    // The whole check: this computer trusts the CA (fetch), the connector's side does not.
    const base = deps();
    const trusting = { ...base, ...base.trustingCa!(em.caPem!) };
    const report = await connectorChecks({ url: em.mcpUrl, clientId: em.clientId }, trusting);
    const by = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(by['connector.public-tls']!.status).toBe('fail');
    expect(by['connector.public-tls']!.cause).toMatch(/does not verify against the public root CAs alone/);
    expect(by['connector.resource-match']!.status).toBe('pass');
  });
});
