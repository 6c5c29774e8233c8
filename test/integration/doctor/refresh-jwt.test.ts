/**
 * token.refresh against the casdoor emulator, whose refresh tokens are RS256 JWTs as Casdoor issues
 * them (object/token_jwt.go): with `refreshExpireInHours` 0 (fault `refresh-expires-with-access`)
 * the refresh JWT's exp equals the access token's and the doctor warns that it dies with the
 * access token (docs/iam-facts.md); with the seed app's longer refresh life it passes. Tokens from a real login.
 */
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle, Faults } from '../../iam/types.js';
import { doctorOn, expectOnly, goodEntry, loginToken } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });
const start = async (faults: Faults = {}) => { h = await startEmulator({ profile: 'casdoor', faults }); return h; };

describe('doctor token.refresh vs casdoor JWT refresh tokens', () => {
  it('refresh-expires-with-access: warns that the refresh token dies with the access token', async () => {
    const e = await start({ refreshExpiresWithAccess: true });
    const token = await loginToken(e);
    expect(decodeJwt(token.refreshToken ?? '').exp).toBe(decodeJwt(token.accessToken).exp);
    const { report, c } = await doctorOn(e, goodEntry(e), { token });
    expectOnly(report, { 'token.refresh': 'warn' });
    expect(c['token.refresh']?.cause).toMatch(/expires when the access token does/);
    expect(c['token.refresh']?.evidence).toMatchObject({ refreshLifetime: 'from the JWT exp', rotated: true, accessExp: decodeJwt(token.accessToken).exp, refreshExp: decodeJwt(token.refreshToken ?? '').exp });
  });

  it('without the fault: the refresh JWT outlives the access token and token.refresh passes', async () => {
    const e = await start();
    const token = await loginToken(e);
    const { report, c } = await doctorOn(e, goodEntry(e), { token });
    expectOnly(report, { 'token.refresh': 'pass' });
    const evidence = c['token.refresh']?.evidence as { refreshLifetime: string; accessExp: number; refreshExp: number; rotated: boolean };
    expect(evidence.refreshLifetime).toBe('from the JWT exp');
    expect(evidence.rotated).toBe(true);
    expect(evidence.refreshExp - evidence.accessExp).toBe((720 - 168) * 3600);
  });
});
