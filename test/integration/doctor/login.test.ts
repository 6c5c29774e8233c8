/** `doctor --login`: the verifier's flow signs in (forms filled over HTTP) and its tokens feed the token checks. */
import { afterEach, expect, it } from 'vitest';
import { loginWithVerifier } from '../../../main/core/diagnostics/login.js';
import { startEmulator } from '../../iam/index.js';
import { loginWithHttp } from '../../iam/login/http-login.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { doctorOn, expectOnly, freePort, goodEntry, GOOD_SCOPES } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

it('--login against casdoor: tokens reach scope.*, token.* and are never printed', async () => {
  const e = h = await startEmulator({ profile: 'casdoor' });
  const seen: string[] = [];
  const login = (target: Parameters<typeof loginWithVerifier>[0]) => loginWithVerifier(target, {
    fetch: (u, i) => fetch(u, i), now: Date.now,
    openBrowser: async (url) => { await loginWithHttp(url, { ...e.users.admin, followCallback: true }); },
  }).then((t) => { seen.push(t.accessToken, t.refreshToken ?? ''); return t; });
  const { report, c } = await doctorOn(e, goodEntry(e, GOOD_SCOPES, await freePort()), { login });
  expect(report.target.tokenSource).toBe('login');
  expectOnly(report, { 'scope.tool-access': 'pass', 'scope.granted': 'pass', 'token.expiry': 'pass', 'token.refresh': 'pass' });
  expect(c['token.refresh']?.evidence.rotated).toBe(true);
  const out = JSON.stringify(report);
  for (const s of seen.filter(Boolean)) expect(out).not.toContain(s);
});

it('a login that cannot complete is a fail with the verifier\'s cause, and the token checks skip', async () => {
  const e = h = await startEmulator({ profile: 'casdoor', faults: { redirectStrict: true, redirectList: ['http://localhost:1/x'] } });
  const login = (target: Parameters<typeof loginWithVerifier>[0]) => loginWithVerifier(target, {
    fetch: (u, i) => fetch(u, i), now: Date.now,
    openBrowser: async (url) => { await loginWithHttp(url, { ...e.users.admin, followCallback: true }); },
  }, 3000);
  const { report, c } = await doctorOn(e, goodEntry(e, GOOD_SCOPES, await freePort()), { login });
  expect(c['token.login']?.status).toBe('fail');
  expect(c['token.login']?.cause).toMatch(/redirect|authorize|callback/i);
  // Both doors show the row: its title names no CLI flag.
  expect(c['token.login']?.title).toBe('Sign in for the token checks');
  expect(`${c['token.login']?.title} ${c['token.login']?.fix}`).not.toMatch(/--login|iam-mcp-helper/);
  expect(c['token.expiry']?.status).toBe('skip');
  expectOnly(report, { 'redirect.loopback': 'fail', 'token.login': 'fail' });
});
