import { describe, expect, it } from 'vitest';
import { connectorChecks } from '../../../main/core/connector/run-connector.js';
import { CLAUDE_CALLBACKS } from '../../../main/core/connector/claude-facts.js';
import { PUBLIC_URL, publicIam, type PublicIamOptions } from './public-iam.js';

async function run(o: PublicIamOptions, input: { url?: string; clientId?: string } = {}) {
  const iam = publicIam(o);
  const report = await connectorChecks({ url: input.url ?? PUBLIC_URL, ...(input.clientId ? { clientId: input.clientId } : {}) }, iam.deps);
  const by = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  return { report, by, iam };
}

describe('connector checks on a public-looking IAM (injected DNS, TLS and HTTP)', () => {
  it('all pass with public addresses, a publicly trusted chain, the Claude callbacks and a client ID', async () => {
    const { report, by, iam } = await run({ redirectUris: [...CLAUDE_CALLBACKS] }, { clientId: 'claude-desktop-mcp' });
    expect(report.summary).toMatchObject({ fail: 0, warn: 0, skip: 0 });
    expect(by['connector.callback-registered']!.evidence.method).toBe('GET /api/get-app-login');
    expect(iam.tlsHosts).toEqual(['iam.example.com']);
    expect(report.instructions.fields.map((f) => f.value)).toEqual(['Hanzo IAM', PUBLIC_URL, 'claude-desktop-mcp', '']);
    expect(report.instructions.registerRedirectUris).toEqual([...CLAUDE_CALLBACKS]);
  });

  it.each([
    [['10.0.0.5'], /10\.0\.0\.5 \(private/],
    [['160.79.104.10', '100.64.3.4'], /100\.64\.3\.4 \(carrier-grade NAT/],
    [['fd00::5'], /fd00::5 \(unique local/],
    [['127.0.0.1'], /127\.0\.0\.1 \(loopback/],
  ])('public-host fails for %j, naming the address', async (addresses, named) => {
    const { by } = await run({ addresses, redirectUris: [...CLAUDE_CALLBACKS] }, { clientId: 'claude-desktop-mcp' });
    expect(by['connector.public-host']!.status).toBe('fail');
    expect(by['connector.public-host']!.cause).toMatch(named);
    expect(by['connector.public-host']!.cause).toMatch(/Anthropic's cloud/);
  });

  it('public-tls fails when the chain does not verify against the public roots, passes when it does', async () => {
    const bad = await run({ tls: { authorized: false, errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } }, { clientId: 'x' });
    expect(bad.by['connector.public-tls']).toMatchObject({ status: 'fail' });
    expect(bad.by['connector.public-tls']!.cause).toMatch(/public root CAs alone \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    const http = await run({}, { url: 'http://iam.example.com/api/mcp', clientId: 'x' });
    expect(http.by['connector.public-tls']!.cause).toMatch(/plain http/);
  });

  it('resource-match fails when the metadata names another URL', async () => {
    const { by } = await run({ resource: 'https://iam.example.com/mcp' }, { clientId: 'x' });
    expect(by['connector.resource-match']).toMatchObject({ status: 'fail', evidence: { resource: 'https://iam.example.com/mcp', entered: PUBLIC_URL } });
    expect(by['connector.resource-match']!.fix).toMatch(/Enter https:\/\/iam\.example\.com\/mcp/);
  });

  it('pkce-s256 fails when S256 is not advertised', async () => {
    const { by } = await run({ pkce: false }, { clientId: 'x' });
    expect(by['connector.pkce-s256']!.status).toBe('fail');
  });

  it.each([
    ['dcr-open', 'pass', /dynamic client registration/],
    ['cimd', 'pass', /metadata document/],
    ['dcr-closed', 'fail', undefined],
    ['none', 'fail', undefined],
  ] as const)('registration without a client ID: %s → %s', async (registration, status, how) => {
    const { by } = await run({ registration });
    expect(by['connector.registration']!.status).toBe(status);
    if (how) expect(String(by['connector.registration']!.evidence.how)).toMatch(how);
    if (registration === 'dcr-closed') expect(by['connector.registration']!.cause).toMatch(/registration is refused \(dynamic client registration is disabled/);
    if (registration === 'none') expect(by['connector.registration']!.cause).toMatch(/neither dynamic client registration/);
    expect(by['connector.callback-registered']!.status).toBe('skip');
  });

  it('registration passes with a client ID whatever the server offers', async () => {
    const { by } = await run({ registration: 'none' }, { clientId: 'x' });
    expect(by['connector.registration']).toMatchObject({ status: 'pass', evidence: { clientId: 'x' } });
  });

  it.each(['casdoor', 'standard'] as const)('callback-registered (%s) names the callback that is missing', async (shape) => {
    const { by } = await run({ shape, redirectUris: [CLAUDE_CALLBACKS[0]] }, { clientId: 'claude-desktop-mcp' });
    const c = by['connector.callback-registered']!;
    expect(c.status).toBe('fail');
    expect(c.evidence.verdicts).toEqual({ [CLAUDE_CALLBACKS[0]]: 'accepted', [CLAUDE_CALLBACKS[1]]: 'refused' });
    expect(c.fix).toContain(CLAUDE_CALLBACKS[1]);
    const ok = await run({ shape, redirectUris: [...CLAUDE_CALLBACKS] }, { clientId: 'claude-desktop-mcp' });
    expect(ok.by['connector.callback-registered']!.status).toBe('pass');
    const unknown = await run({ shape, redirectUris: [...CLAUDE_CALLBACKS] }, { clientId: 'nobody' });
    expect(unknown.by['connector.callback-registered']!.cause).toMatch(/does not know the client id "nobody"/);
  });
});
