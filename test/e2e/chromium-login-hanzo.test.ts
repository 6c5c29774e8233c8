/**
 * The Chromium login against the newer server's plain-text authorize errors (docs/iam-facts.md, Redirect URIs: HTTP 400
 * `authorization error: invalid redirect_uri`): the login fails at once with that text instead of
 * waiting for a form until its deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../iam/index.js';
import { loginWithChromium } from '../iam/login/chromium-login.js';
import type { EmulatorHandle } from '../iam/types.js';
import { authorizationUrl, discover } from '../integration/iam/oauth-helpers.js';
import { requireChromium } from '../helpers/chromium.js';

beforeAll(requireChromium);

describe('loginWithChromium on hanzo-v1', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => { emulator = await startEmulator({ profile: 'hanzo-v1' }); });
  afterAll(() => emulator?.close());

  it('fails with the plain-text 400 body of a refused redirect URI, well before its deadline', async () => {
    const { url } = await authorizationUrl(await discover(emulator), { redirectUri: 'http://localhost:9/oauth/callback' });
    const started = Date.now();
    await expect(loginWithChromium(url.href, { timeoutMs: 20_000 })).rejects.toThrow('authorization error: invalid redirect_uri');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
