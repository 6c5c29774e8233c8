/**
 * The authorize pages in real headless Chromium: the HTML form contract the Chromium login
 * automation relies on (login form, consent buttons, #error text) works in a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { authorizationUrl, discover } from '../../integration/iam/oauth-helpers.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

describe('authorize pages in Chromium', () => {
  let emulator: EmulatorHandle;
  let context: BrowserContext;
  let profileDir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ profile: 'casdoor', faults: { appScopes: ['application:read'] } });
    profileDir = mkdtempSync(join(tmpdir(), 'iam-forms-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await context?.close();
    await emulator?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('signs in, shows consent for a custom scope, and lands on the redirect URI with code and state', async () => {
    const page = await context.newPage();
    const redirect = 'http://127.0.0.1:9/callback';
    // Nothing listens on the redirect URI: record the navigation instead of loading it.
    let landed = '';
    await page.route('http://127.0.0.1:9/**', async (route) => {
      landed = route.request().url();
      await route.fulfill({ status: 200, body: 'ok' });
    });
    const { url, state } = await authorizationUrl(await discover(emulator), { redirectUri: redirect, scope: 'openid application:read' });
    await page.goto(url.href);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[type="password"][name="password"]', '123');
    await page.click('button[type="submit"]:has-text("Sign in")');
    await page.click('#approve');
    await page.waitForURL((u) => u.href.startsWith(redirect), { timeout: 10_000 });
    const target = new URL(landed);
    expect(target.searchParams.get('state')).toBe(state);
    expect(target.searchParams.get('code')).toBeTruthy();
    await page.close();
  });

  it('shows the exact error text in #error', async () => {
    const page = await context.newPage();
    const { url } = await authorizationUrl(await discover(emulator), { redirectUri: 'https://app.example.com/cb' });
    await page.goto(url.href);
    expect(await page.textContent('p.error#error')).toBe("Redirect URI: https://app.example.com/cb doesn't exist in the allowed Redirect URI list");
    await page.close();
  });
});
