/**
 * Completes an OAuth login in real headless Chromium (playwright-core) through the emulators'
 * HTML forms (contract in ../spec/pages.ts, shared with the casdoor profile): fills the login
 * form, approves consent, and stops once the browser reaches the authorization URL's
 * `redirect_uri`. The client's callback listener may start after the browser opened (mcp-remote
 * does this), so a refused final redirect is retried for CALLBACK_RETRY_MS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page, type Request } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from '../../helpers/chromium.js';

const CALLBACK_RETRY_MS = 10_000;
const POLL_MS = 100;

export interface ChromiumLoginOptions {
  username?: string;
  password?: string;
  /** Whole-login deadline; default 30 s. */
  timeoutMs?: number;
  /** Aborting closes the browser and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export class ChromiumLoginError extends Error {
  override name = 'ChromiumLoginError';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True when `url` is the redirect URI (same origin and path; the query carries code/state/error). */
function isRedirect(url: string, redirectUri: URL): boolean {
  const u = URL.parse(url);
  return u !== null && u.origin === redirectUri.origin && u.pathname === redirectUri.pathname;
}

export async function loginWithChromium(authorizationUrl: string, options: ChromiumLoginOptions = {}): Promise<{ finalUrl: string }> {
  const redirectParam = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!redirectParam) throw new ChromiumLoginError('authorization URL has no redirect_uri parameter');
  const redirectUri = new URL(redirectParam);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  options.signal?.throwIfAborted();
  const missing = chromiumMissing();
  if (missing) throw new ChromiumLoginError(missing);
  const userDataDir = await mkdtemp(join(tmpdir(), 'iam-login-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    // Single browser actions never outlive the whole-login deadline.
    page.setDefaultTimeout(Math.max(1000, Math.min(10_000, deadline - Date.now())));
    let callback: { url: string; answered: boolean; failedAt?: number } | undefined;
    const onRequest = (req: Request, answered: boolean) => {
      if (req.frame() !== page.mainFrame() || !req.isNavigationRequest() || !isRedirect(req.url(), redirectUri)) return;
      if (answered) callback = { url: req.url(), answered: true };
      else if (!callback?.answered) callback = { url: req.url(), answered: false, failedAt: callback?.failedAt ?? Date.now() };
    };
    let lastStatus: number | undefined;
    page.on('response', (res) => {
      if (res.request().frame() === page.mainFrame() && res.request().isNavigationRequest()) lastStatus = res.status();
      onRequest(res.request(), true);
    });
    page.on('requestfailed', (req) => onRequest(req, false));

    await page.goto(authorizationUrl).catch(() => undefined);
    for (;;) {
      if (callback?.answered) return { finalUrl: callback.url };
      options.signal?.throwIfAborted();
      if (Date.now() > deadline) throw new ChromiumLoginError(`login timed out at ${page.url()}`);
      if (callback) {
        if (Date.now() - (callback.failedAt ?? 0) > CALLBACK_RETRY_MS) {
          throw new ChromiumLoginError(`redirect URI ${redirectUri.origin}${redirectUri.pathname} did not answer`);
        }
        await sleep(250);
        await page.goto(callback.url).catch(() => undefined);
        continue;
      }
      await step(page, { ...options, lastStatus: () => lastStatus });
    }
  } finally {
    await context.close().catch(() => undefined);
    // Chromium's helpers may still be writing as it exits: retry, and never fail a finished login on cleanup.
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
  }
}

/** One look at the current page: an error fails the login; a login or consent form is submitted. */
async function step(page: Page, options: ChromiumLoginOptions & { lastStatus?: () => number | undefined }): Promise<void> {
  try {
    await page.waitForLoadState('domcontentloaded');
    const error = page.locator('#error');
    if (await error.count() > 0) throw new ChromiumLoginError((await error.first().innerText()).trim() || 'error page');
    // The newer Hanzo server answers authorize errors as a plain-text HTTP 400 (docs/iam-facts.md: "authorization
    // error: invalid redirect_uri"): a page without a form that came with an error status.
    if (options.lastStatus?.() !== undefined && (options.lastStatus() ?? 0) >= 400 && await page.locator('form').count() === 0) {
      throw new ChromiumLoginError((await page.locator('body').innerText()).trim() || `HTTP ${options.lastStatus()}`);
    }
    const username = page.locator('input[name="username"]');
    if (await username.count() > 0) {
      await username.fill(options.username ?? 'admin');
      await page.locator('input[name="password"]').fill(options.password ?? '123');
      await page.locator('form button[type="submit"]').first().click();
      return;
    }
    const approve = page.locator('#approve');
    if (await approve.count() > 0) {
      await approve.click();
      return;
    }
  } catch (err) {
    if (err instanceof ChromiumLoginError) throw err;
    // A navigation racing the look (page replaced mid-query) is retried on the next poll.
  }
  await sleep(POLL_MS);
}
