/**
 * The wizard driven as a person would (labels and button names only, the names README
 * "Automating the app" lists), with axe-core checked and a screenshot taken at every state.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, seriousViolations, type WizardWorld } from './wizard-harness.js';

export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const RUN_TIMEOUT = 150_000;

/** axe-core finds no serious or critical violation, and the state is photographed. */
export async function checkState(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `e2e-${name}.png`), fullPage: true });
}

/** Next, then the new step's heading has the focus. */
export async function next(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => page.evaluate<string>('document.activeElement?.textContent ?? ""')).toContain(heading);
}

/** The run's summary (role="status") once it no longer says Running. */
export async function runResult(page: Page): Promise<string> {
  const status = page.getByRole('status');
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: RUN_TIMEOUT, interval: 500 }).toMatch(/^(Verified|Failed|Cancelled)/);
  return (await status.textContent()) ?? '';
}

/** The route radios' labels (README "Automating the app"). */
export const ROUTE = { connector: 'Custom connector (Settings → Connectors)', bundle: 'Extension bundle (.mcpb)', bridge: 'Config bridge (mcp-remote)' } as const;

/** The server's verdict on the redirect URI, shown next to it in step 2 once the client ID is in. */
export async function redirectVerdict(page: Page): Promise<string> {
  const list = page.locator('.uri-list');
  await expect.poll(async () => (await list.innerText()).replace(/\s+/g, ' '), { timeout: 30_000 }).toMatch(/(Accepted|Not accepted yet|Unknown client ID|Could not tell):/);
  return (await list.innerText()).replace(/\s+/g, ' ');
}

/**
 * Steps 1-3: server (and the route: default the config bridge), client ID (the server's verdict
 * on the redirect URI must match `redirect`, default Accepted), scopes (default: the read-only preset).
 */
export async function fillInstance(w: WizardWorld, tag: string, scopes?: string, route: keyof typeof ROUTE = 'bridge', redirect: RegExp = /Accepted: the server takes it for this application\./): Promise<void> {
  const { page } = w;
  await page.getByRole('heading', { name: 'Set up', level: 1 }).waitFor();
  await checkState(page, `${tag}-1-server-empty`);
  await page.getByLabel('MCP server URL').fill(w.iam.origin);
  await page.getByRole('button', { name: 'Check server' }).click();
  await page.getByText('Found an MCP server').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByLabel('MCP server URL').inputValue()).toBe(w.iam.mcpUrl);
  await page.getByRole('radio', { name: ROUTE[route], exact: true }).check({ timeout: 60_000 });
  await checkState(page, `${tag}-1-server-checked`);
  await next(page, 'Create the application');
  await page.getByText(/^http:\/\/127\.0\.0\.1:\d+\/\S*callback$/).first().waitFor();
  await page.getByLabel('Client ID').fill(w.iam.clientId);
  expect(await redirectVerdict(page)).toMatch(redirect);
  await checkState(page, `${tag}-2-application`);
  await next(page, 'Choose what Claude may do');
  expect(await page.getByLabel('Scopes').inputValue()).toBe('openid profile email application:read');
  if (scopes !== undefined) await page.getByLabel('Scopes').fill(scopes);
  await checkState(page, `${tag}-3-permissions`);
}

/** Step 4: preview, then write; resolves once the write is confirmed. */
export async function writeConfig(w: WizardWorld, tag: string): Promise<void> {
  const { page } = w;
  await next(page, "Add the server to Claude Desktop's config");
  await expect.poll(() => page.getByLabel('Claude Desktop config file').inputValue()).toBe(w.configPath);
  await page.getByRole('button', { name: 'Preview change' }).click();
  await page.getByRole('region', { name: /^Change to / }).waitFor();
  await checkState(page, `${tag}-4-preview`);
  await page.getByRole('button', { name: 'Write to Claude config' }).click();
  await page.getByText(/^(Written\.|Nothing to write)/).waitFor();
  await checkState(page, `${tag}-4-written`);
}

/** Step 5: "Sign in and verify"; returns the summary. */
export async function signInAndVerify(w: WizardWorld, tag: string): Promise<string> {
  const { page } = w;
  await next(page, 'Verify the connection');
  await checkState(page, `${tag}-5-verify-ready`);
  await page.getByRole('button', { name: 'Sign in and verify' }).click();
  const result = await runResult(page);
  await checkState(page, `${tag}-5-verify-${result.split(/[\s:]/)[0]!.toLowerCase()}`);
  return result;
}

export async function verifyViaBridge(w: WizardWorld, tag: string): Promise<string> {
  const { page } = w;
  await page.getByRole('button', { name: 'Verify as Claude Desktop runs it' }).click();
  await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toMatch(/^Running/);
  const result = await runResult(page);
  await checkState(page, `${tag}-5-bridge-${result.split(/[\s:]/)[0]!.toLowerCase()}`);
  return result;
}

/** The id and status word of every step row, e.g. "token.exchange Pass". */
export async function stepRows(page: Page): Promise<string[]> {
  return page.locator('li[data-step-id]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-step-id')} ${r.querySelector('.status-word')?.textContent?.replace(/^\W+/, '').trim() ?? ''}`));
}
