/**
 * Findings of the doctor's review, each against the emulator as a user meets it: the fault lands
 * on its id with one true sentence and a concrete fix, and nothing unrelated fails.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle, Faults } from '../../iam/types.js';
import { tempDir } from '../diagnostics/helpers.js';
import { doctorOn, expectOnly, goodEntry, loginToken } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });
const start = async (profile: 'casdoor' | 'hanzo-v1', faults: Faults = {}) => { h = await startEmulator({ profile, faults }); return h; };

describe('doctor review findings', () => {
  it('cors.metadata names each blocked document once, in one sentence', async () => {
    const e = await start('casdoor');
    const { c } = await doctorOn(e, goodEntry(e));
    const cause = c['cors.metadata']?.cause ?? '';
    expect(c['cors.metadata']?.status).toBe('warn');
    expect(cause.match(/Claude Desktop is not affected/g)).toHaveLength(1);
    expect(cause).toContain('/.well-known/oauth-protected-resource (');
    expect(cause).toContain('/.well-known/oauth-authorization-server (');
  });

  it('an mcp-remote entry without a client id, DCR off: redirect.loopback fails with the exact flag to add', async () => {
    const e = await start('hanzo-v1');
    const { report, c } = await doctorOn(e, { command: 'npx', args: ['-y', 'mcp-remote', e.mcpUrl] });
    expectOnly(report, { 'redirect.loopback': 'fail' });
    expect(c['redirect.loopback']?.cause).toMatch(/no client id and the server offers no dynamic client registration/);
    expect(c['redirect.loopback']?.fix).toContain(`--static-oauth-client-info '{"client_id":`);
    expect(c['redirect.loopback']?.fixAction?.action).toBe('config.rewrite-entry');
  });

  it('without a client id but with DCR on, the bridge registers itself: redirect.loopback skips', async () => {
    const e = await start('hanzo-v1', { dcr: true });
    const { report, c } = await doctorOn(e, { command: 'npx', args: ['-y', 'mcp-remote', e.mcpUrl] });
    expectOnly(report, { 'redirect.loopback': 'skip' });
    expect(c['redirect.loopback']?.evidence.registration_endpoint).toMatch(/register/);
  });

  it('a scope the application refuses: redirect.loopback names the scopes first and quotes the server ("Invalid scope")', async () => {
    const e = await start('casdoor', { appScopes: ['custom'] });
    const { report, c } = await doctorOn(e, goodEntry(e));
    expectOnly(report, { 'redirect.loopback': 'warn' });
    expect(c['redirect.loopback']?.cause).toMatch(/^The server refuses the requested scopes "openid profile email application:read" \(it answered "Invalid scope"\): the application in IAM does not allow one of them, so the sign-in fails before the redirect URI http:\/\/127\.0\.0\.1:\d+\/callback is even checked\.$/);
    expect(c['redirect.loopback']?.evidence.method).toBe('GET /api/get-app-login');
    expect(c['redirect.loopback']?.fixAction?.action).toBe('config.set-scopes');
  });

  it('clock-skew with a real token: the refresh works at the server, and token.refresh blames the clocks, not the refresh grant', async () => {
    const e = await start('hanzo-v1');
    const token = await loginToken(e);
    e.setFaults({ clockSkew: 600 });
    const { report, c } = await doctorOn(e, goodEntry(e), { token });
    expectOnly(report, { 'token.clock-skew': 'warn', 'token.refresh': 'warn' });
    expect(c['token.refresh']?.cause).toMatch(/^The server renewed the token, but the times in the token it sent back are invalid by this computer's clock .*the two clocks disagree \(see token\.clock-skew\)/);
    expect(c['token.refresh']?.fix).toMatch(/automatic time sync/);
  });

  it('a revoked token: the cause is the server\'s reason, not the SDK\'s transport message', async () => {
    const e = await start('casdoor');
    const token = await loginToken(e);
    e.setFaults({ revokeAll: true });
    const { c } = await doctorOn(e, goodEntry(e), { token });
    expect(c['scope.tool-access']?.cause).toBe('The server rejected the token (Access token doesn\'t exist in database).');
  });

  it('mcp-path moved: the 404 fix names the endpoint the server advertises, not the path already in use', async () => {
    const e = await start('casdoor', { mcpPath: '/v2/mcp' });
    const entry = goodEntry(e);
    (entry.args as string[])[(entry.args as string[]).indexOf(e.mcpUrl)] = `${e.origin}/api/mcp`;
    const { report, c } = await doctorOn(e, entry);
    expectOnly(report, { 'mcp.endpoint': 'fail' });
    expect(e.mcpUrl).toMatch(/\/v2\/mcp$/);
    expect(c['mcp.endpoint']?.cause).toContain(`the server names ${e.mcpUrl} as its MCP endpoint`);
    expect(c['mcp.endpoint']?.fix).toBe(`Use ${e.mcpUrl} as the MCP URL in the entry.`);
  });

  it('tls: after the fix net.tls gives (NODE_EXTRA_CA_CERTS in the entry\'s env), the doctor trusts that CA as the bridge will', async () => {
    const e = await start('casdoor', { tls: true });
    const caFile = path.join(await tempDir(), 'ca.pem');
    await fs.writeFile(caFile, e.caPem ?? '');
    const entry = goodEntry(e);
    entry.env = { ...(entry.env as Record<string, string> | undefined), NODE_EXTRA_CA_CERTS: caFile };
    const { report, c } = await doctorOn(e, entry);
    expectOnly(report, { 'net.tls': 'pass', 'mcp.endpoint': 'pass', 'redirect.loopback': 'pass', 'discovery.authorization-server': 'pass' });
    expect(c['config.env-ignored']?.status).toBe('pass');
  });

  it('clock skew says which way: this computer is behind a server 300 s ahead', async () => {
    const e = await start('casdoor', { clockSkew: 300 });
    const { c } = await doctorOn(e, goodEntry(e));
    expect(c['token.clock-skew']?.cause).toMatch(/clock is (29[89]|30[01]) s behind the server's/);
  });
});
