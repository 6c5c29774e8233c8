/**
 * startDoctor with `signIn` (the Troubleshoot page's "Include sign-in checks") against the
 * emulator: the app's --browser-command signs in through the IAM's real forms (loginWithHttp from
 * the built dist/), the token, scope and expiry checks run with that token instead of skipping,
 * and no token reaches a step, an event or an export. Cancel and a failed sign-in end cleanly.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHelperApp } from '../../../main/app/helper-app.js';
import type { ApiImplementation } from '../../../main/contract/api-contract.js';
import type { ProgressEvent } from '../../../main/contract/progress.js';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { runFinished, tempAppContext } from '../../helpers/app-context.js';
import { startFakeRegistry, type FakeRegistry } from '../diagnostics/helpers.js';
import { freePort, goodEntry } from '../doctor/emulator-helpers.js';

const LOGIN = path.resolve('dist/test/iam/login/http-login.js');
const TOKEN_CHECKS = ['scope.granted', 'scope.tool-access', 'token.expiry', 'token.refresh'];

let iam: EmulatorHandle;
let registry: FakeRegistry;
beforeAll(async () => {
  if (!existsSync(LOGIN)) throw new Error(`${LOGIN} is missing: run \`npm run build\` first`);
  iam = await startEmulator({ profile: 'casdoor' });
  registry = await startFakeRegistry();
});
afterAll(async () => { await iam?.close(); await registry?.close(); });
afterEach(() => { vi.unstubAllGlobals(); });

/** An app over a temp config holding the entry setup writes, with `browserCommand` as the app's --browser-command. */
async function app(browserCommand: (dir: string) => string) {
  const ctx = tempAppContext();
  Object.assign(ctx, { browserCommand: browserCommand(ctx.dir), env: { ...ctx.env, npm_config_registry: registry.url } });
  writeFileSync(ctx.configPath, JSON.stringify({ mcpServers: { iam: goodEntry(iam, undefined, await freePort()) } }, null, 2));
  const events: ProgressEvent[] = [];
  const api: ApiImplementation = createHelperApp(ctx, { door: 'browser' }).forCaller((e) => events.push(e));
  return { ctx, api, events };
}

/** A browser command that signs in as the admin through the login and consent forms, then follows the redirect. */
function httpLoginCommand(dir: string): string {
  const script = path.join(dir, 'browser.mjs');
  writeFileSync(script, `import { loginWithHttp } from ${JSON.stringify(LOGIN)};
await loginWithHttp(process.argv[2], { username: ${JSON.stringify(iam.users.admin.username)}, password: ${JSON.stringify(iam.users.admin.password)}, followCallback: true });
`);
  chmodSync(script, 0o755);
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`;
}

const finished = (api: ApiImplementation, runId: string) => runFinished(api, runId, 60_000);

/** Records every token the token endpoint hands out in this process (the doctor runs in-process). */
function captureIssuedTokens(): string[] {
  const seen: string[] = [];
  const real = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await real(input, init);
    const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '';
    if (/grant_type=(authorization_code|refresh_token)/.test(body)) {
      const json = await response.clone().json().catch(() => ({})) as { access_token?: string; refresh_token?: string };
      for (const t of [json.access_token, json.refresh_token]) if (t) seen.push(t);
    }
    return response;
  });
  return seen;
}

describe('startDoctor with signIn', () => {
  it('signs in through the browser command: the token checks pass instead of skipping, and no token leaves the run', async () => {
    const { api, events } = await app(httpLoginCommand);
    const without = await finished(api, (await api.startDoctor({ name: 'iam', timeoutMs: 4000 })).runId);
    for (const id of TOKEN_CHECKS) expect(without.steps.find((s) => s.id === id), id).toMatchObject({ status: 'skip', fixAction: { action: 'run.sign-in' } });

    const tokens = captureIssuedTokens();
    const { runId } = await api.startDoctor({ name: 'iam', signIn: true, timeoutMs: 4000 });
    const info = await finished(api, runId);
    const byId = Object.fromEntries(info.steps.map((s) => [s.id, s]));
    for (const id of TOKEN_CHECKS) expect(byId[id]?.status, `${id}: ${byId[id]?.cause}`).toBe('pass');
    expect(byId['token.login']).toBeUndefined();
    const notes = events.filter((e) => e.runId === runId && e.type === 'note').map((e) => (e as { message: string }).message);
    expect(notes[0]).toMatch(/^Waiting for sign-in: .*\(up to 120 s\)/);
    expect(notes.at(-1)).toMatch(/^Signed in/);

    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const outside = JSON.stringify([info, events.filter((e) => e.runId === runId), await api.exportReport(runId, 'md'), await api.exportReport(runId, 'json')]);
    for (const t of tokens) expect(outside.includes(t), 'a token left the run').toBe(false);
  }, 120_000);

  it('a sign-in that fails (the browser command exits 1) is token.login with its cause; the checks that need a token skip', async () => {
    const { api, events } = await app(() => 'false');
    const { runId } = await api.startDoctor({ name: 'iam', signIn: true, timeoutMs: 4000 });
    const info = await finished(api, runId);
    const login = info.steps.find((s) => s.id === 'token.login');
    expect(login).toMatchObject({ status: 'fail', title: 'Sign in for the token checks' });
    expect(login?.cause).toMatch(/browser command exited with 1/);
    expect(info.steps.find((s) => s.id === 'token.expiry')).toMatchObject({ status: 'skip', fixAction: { action: 'run.sign-in' } });
    expect(events.some((e) => e.runId === runId && e.type === 'note' && /did not complete/.test(e.message))).toBe(true);
  }, 60_000);

  it('Cancel while it waits for the sign-in ends the run as cancelled and stops the browser command', async () => {
    // The command records its process group, then never finishes the sign-in.
    const { ctx, api, events } = await app((dir) => `echo $$ > ${path.join(dir, 'browser.pid')}; exec sleep 60 #`);
    const pidFile = path.join(ctx.dir, 'browser.pid');
    const { runId } = await api.startDoctor({ name: 'iam', signIn: true, timeoutMs: 4000 });
    await vi.waitFor(() => expect(events.some((e) => e.runId === runId && e.type === 'note' && /^Waiting for sign-in/.test(e.message))).toBe(true), { timeout: 30_000, interval: 50 });
    await vi.waitFor(() => expect(readFileSync(pidFile, 'utf8')).toMatch(/^\d+/), { timeout: 30_000, interval: 50 });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await api.cancel(runId)).toEqual({ cancelled: true });
    const info = await finished(api, runId);
    expect(info).toMatchObject({ status: 'cancelled', cancelled: true });
    expect(info.steps.find((s) => s.id === 'token.expiry')).toMatchObject({ status: 'skip', evidence: { reason: 'cancelled' } });
    expect(info.steps.find((s) => s.id === 'token.login')).toBeUndefined();
    await vi.waitFor(() => expect(() => process.kill(-pid, 0)).toThrow(), { timeout: 10_000, interval: 100 });
  }, 60_000);
});
