/**
 * Each failure of the sign-in part of `verify` is filed under the step where it happened, with
 * that cause's fix, against the IAM emulator: a failing --browser-command, a wrong client id, a
 * taken callback port, a server error on the authorization request (with and without the RFC
 * 8707 resource being the trigger).
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle, Faults, ProfileName } from '../../iam/types.js';
import { commandBrowser, type OpenBrowser } from '../../../main/core/verify/browser.js';
import { runVerify, verifyPassed } from '../../../main/core/verify/run-verify.js';
import type { VerifyResult } from '../../../main/core/verify/types.js';

let emulator: EmulatorHandle | undefined;
let blocker: net.Server | undefined;
afterEach(async () => {
  await emulator?.close(); emulator = undefined;
  await new Promise((r) => (blocker ? blocker.close(r) : r(undefined))); blocker = undefined;
});

const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);
const step = (r: VerifyResult, id: string) => r.steps.find((s) => s.id === id);
const signInAsAdmin: OpenBrowser = async (url) => { await loginWithHttp(url, { username: 'admin', password: '123', followCallback: true }); };

async function verify(profile: ProfileName, openBrowser: OpenBrowser, opts: { faults?: Faults; clientId?: string; callbackPort?: number } = {}): Promise<VerifyResult> {
  emulator = await startEmulator({ profile, ...(opts.faults ? { faults: opts.faults } : {}) });
  return runVerify({ url: emulator.mcpUrl, clientId: opts.clientId ?? emulator.clientId, scopes: ['openid', 'application:read'], timeoutMs: 5000, callbackTimeoutMs: 8000,
    callbackPort: opts.callbackPort ?? 0 }, { fetch, now: Date.now, openBrowser });
}

describe('verify files a failure where it happened', () => {
  it('a --browser-command that exits 1 (printing the URL, which carries redirect_uri) is the browser command\'s failure', async () => {
    const r = await verify('casdoor', commandBrowser('echo "opening $1"; exit 1; :', { env: process.env, platform: process.platform, timeoutMs: 8000 }));
    const signIn = step(r, 'oauth.sign-in');
    expect(signIn?.status).toBe('fail');
    expect(signIn?.cause).toMatch(/the browser command failed.*exited with 1/);
    expect(signIn?.fix).toMatch(/browser command/i);
    expect(step(r, 'redirect.loopback')?.status).toBe('skip');
    expect(JSON.stringify(r.steps)).not.toMatch(/refused the redirect URI/);
  });

  it('a --browser-command that is not found says so', async () => {
    const r = await verify('hanzo-v1', commandBrowser('iam-mcp-helper-no-such-browser', { env: process.env, platform: process.platform, timeoutMs: 8000 }));
    expect(step(r, 'oauth.sign-in')?.cause).toMatch(/browser command failed.*exited with 127 \(command not found\)/);
    expect(step(r, 'redirect.loopback')?.status).toBe('skip');
  });

  it.each<ProfileName>(['casdoor', 'hanzo-v1'])('%s: a wrong client id fails oauth.client before any browser opens', async (profile) => {
    let opened = 0;
    const r = await verify(profile, async () => { opened++; }, { clientId: 'no-such-client' });
    const client = step(r, 'oauth.client');
    expect(client?.status).toBe('fail');
    expect(client?.cause).toMatch(/does not know the client id "no-such-client"/);
    expect(client?.fix).toMatch(/Client ID/);
    expect(step(r, 'redirect.loopback')?.status).toBe('skip');
    expect(opened).toBe(0);
  });

  it('a taken callback port fails the redirect step with its own fix, not oauth.client', async () => {
    blocker = net.createServer();
    await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = await verify('casdoor', async () => undefined, { callbackPort: port });
    expect(step(r, 'oauth.client')?.status).toBe('pass');
    const redirect = step(r, 'redirect.loopback');
    expect(redirect?.status).toBe('fail');
    expect(redirect?.cause).toMatch(new RegExp(`callback port ${port} on 127\\.0\\.0\\.1 is taken`));
    expect(redirect?.fix).toMatch(/another callback port/);
  });

  it('a refused redirect URI (hanzo-v1, redirect-strict) is said before the browser opens, under redirect.loopback', async () => {
    let opened = 0;
    const r = await verify('hanzo-v1', async () => { opened++; }, { faults: { redirectStrict: true, redirectList: ['http://127.0.0.1:1/callback'] } });
    expect(step(r, 'redirect.loopback')?.status).toBe('fail');
    expect(step(r, 'redirect.loopback')?.cause).toMatch(/refused the redirect URI .*invalid redirect_uri/);
    expect(opened).toBe(0);
  });

  it('HTTP 500 from the authorization endpoint is a server error, not a refusal', async () => {
    let opened = 0;
    const r = await verify('hanzo-v1', async () => { opened++; }, { faults: { authorize500: 'always' } });
    const authorize = step(r, 'oauth.authorize');
    expect(authorize?.status).toBe('fail');
    expect(authorize?.cause).toMatch(/answered HTTP 500 \(a server error, not a refusal\): "Internal Server Error"/);
    expect(authorize?.cause).toMatch(/without the RFC 8707 resource parameter, it failed the same way/);
    expect(authorize?.fix).not.toMatch(/[Rr]egister/);
    expect(JSON.stringify(r.steps)).not.toMatch(/refused the redirect URI/);
    expect(opened).toBe(0);
  });

  it('HTTP 500 only when resource is sent: tried once without it, named, and the run goes on without it', async () => {
    const r = await verify('hanzo-v1', signInAsAdmin, { faults: { authorize500: 'resource' } });
    const authorize = step(r, 'oauth.authorize');
    expect(authorize?.status).toBe('warn');
    expect(authorize?.cause).toMatch(/HTTP 500.*when the request carries the RFC 8707 resource parameter/);
    expect(step(r, 'token.exchange')?.status).toBe('pass');
    expect(step(r, 'mcp.tool-call')?.status).toBe('pass');
    expect(verifyPassed(r)).toBe(true);
  });
});
