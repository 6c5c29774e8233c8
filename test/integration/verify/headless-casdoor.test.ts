/**
 * `verify --headless` against a server whose authorization endpoint is a sign-in page (the Casdoor
 * emulator's /login/oauth/authorize): the sign-in step names the page that needs a person; the
 * redirect step, which the server never got to, is not blamed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { headlessBrowser } from '../../../main/core/verify/browser.js';
import { runVerify } from '../../../main/core/verify/run-verify.js';
import { phraseFix } from '../../../main/cli/fix-phrases.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => { await emulator?.close(); emulator = undefined; });

const fetch = (i: string | URL, init?: RequestInit) => globalThis.fetch(i, init);

describe('verify --headless vs a sign-in page', () => {
  it('casdoor: the cause says the authorization endpoint answered with a sign-in page that needs a person', async () => {
    emulator = await startEmulator({ profile: 'casdoor' });
    const r = await runVerify({ url: emulator.mcpUrl, clientId: emulator.clientId, scopes: ['openid'], timeoutMs: 5000, callbackTimeoutMs: 5000 },
      { fetch, now: Date.now, openBrowser: headlessBrowser(fetch, 5000) });
    expect(r.steps.find((s) => s.id === 'redirect.loopback')?.status).toBe('skip');
    expect(r.steps.find((s) => s.id === 'oauth.client')?.status).toBe('pass');
    const redirect = r.steps.find((s) => s.id === 'oauth.sign-in');
    expect(redirect?.status).toBe('fail');
    expect(redirect?.cause).toMatch(/^a person must sign in/);
    expect(redirect?.cause).toMatch(/authorization endpoint answered with a sign-in page at http:\/\/127\.0\.0\.1:\d+\/login\/oauth\/authorize/);
    expect(redirect?.cause).toMatch(/needs a person/);
    expect(redirect?.cause).not.toMatch(/refused/);
    expect(redirect?.fixAction).toEqual({ action: 'verify.sign-in-interactive' });
    expect(phraseFix(redirect?.fixAction)).toMatch(/without --headless.*--browser-command/);
    expect(redirect?.fix).not.toMatch(/[Rr]egister/);
    expect(r.steps.find((s) => s.id === 'oauth.callback')?.status).toBe('skip');
  });
});
