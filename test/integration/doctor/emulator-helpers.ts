/** Runs the doctor in-process against an emulator profile with a config written by the entry builder. */
import net from 'node:net';
import path from 'node:path';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { runDoctor, type DoctorInput, type DoctorReport } from '../../../main/core/diagnostics/doctor.js';
import type { DoctorDeps, TokenSource } from '../../../main/core/diagnostics/types.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { byId, fakeBin, startFakeRegistry, tempDir, testDeps, writeConfig } from '../diagnostics/helpers.js';
import { login } from '../iam/oauth-helpers.js';
import { loginForTokens, oidcConfig } from '../iam/spec-helpers.js';
import { expect } from 'vitest';

export const PORT = 33418;
export const GOOD_SCOPES = 'openid profile email application:read';

/**
 * The entry `setup` writes. `callbackPort` defaults to PORT (fixed, for assertions on the redirect
 * URI); tests that really listen on it (`--login`) pass a free port so parallel test files never collide.
 */
export function goodEntry(h: EmulatorHandle, scopes = GOOD_SCOPES, callbackPort = PORT): Record<string, unknown> {
  return buildIamEntry({ mcpUrl: h.mcpUrl, clientId: h.clientId, scopes, platform: 'linux', callbackPort }).entry as unknown as Record<string, unknown>;
}

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real login through the profile's forms; tokens as the verifier's --login would hand them over. */
export async function loginToken(h: EmulatorHandle, scope = GOOD_SCOPES): Promise<TokenSource> {
  const redirectUri = `http://127.0.0.1:${PORT}/callback`;
  const t = h.profile === 'spec'
    ? await loginForTokens(h, await oidcConfig(h), scope, redirectUri)
    : (await login(h, { scope, redirectUri })).tokens;
  return { accessToken: t.access_token, origin: 'login', ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}), ...(t.scope ? { scope: t.scope } : {}) };
}

export async function doctorOn(h: EmulatorHandle, entry: Record<string, unknown>, input: Partial<DoctorInput> = {}, over: Partial<DoctorDeps> = {}) {
  const registry = await startFakeRegistry();
  try {
    const home = await tempDir();
    await fakeBin(home);
    const configPath = await writeConfig(home, { iam: entry });
    const report = await runDoctor({ configPath, timeoutMs: 4000, ...input }, testDeps(home, registry.url, over));
    return { report, c: byId(report.checks), home: path.resolve(home) };
  } finally {
    await registry.close();
  }
}

/** The fault lands on `expected` (with its status) and fails nothing outside `allowed`. */
export function expectOnly(report: DoctorReport, expected: Record<string, string>, allowed: string[] = []): void {
  const c = byId(report.checks);
  for (const [id, status] of Object.entries(expected)) expect(c[id]?.status, `${id}: ${c[id]?.cause}`).toBe(status);
  const ok = new Set([...Object.keys(expected), ...allowed]);
  const stray = report.checks.filter((x) => x.status === 'fail' && !ok.has(x.id)).map((x) => `${x.id}: ${x.cause}`);
  expect(stray).toEqual([]);
}
