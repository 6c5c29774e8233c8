/**
 * "Include sign-in checks" end to end: door 2 (`iam-mcp-helper ui`) against the emulator in real
 * headless Chromium; the app's --browser-command signs in on the IAM's login page (Chromium too),
 * and the token rows show Pass instead of Skip. The exported report holds no token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { requireChromium } from '../../helpers/chromium.js';
import { startFakeRegistry, type FakeRegistry } from '../../integration/diagnostics/helpers.js';
import { freePort } from '../../integration/doctor/emulator-helpers.js';
import { startWorld } from '../wizard/wizard-harness.js';
import { checkState } from '../wizard/wizard-steps.js';

const RUN_TIMEOUT = 150_000;
const TOKEN_ROWS = ['scope.granted', 'scope.tool-access', 'token.expiry', 'token.refresh'];

let registry: FakeRegistry;
const savedRegistry = process.env.npm_config_registry;
beforeAll(requireChromium);
beforeAll(async () => {
  // The ui process inherits it: config.bridge-package asks a registry on 127.0.0.1, not the internet.
  registry = await startFakeRegistry();
  process.env.npm_config_registry = registry.url;
});
afterAll(async () => {
  if (savedRegistry === undefined) delete process.env.npm_config_registry; else process.env.npm_config_registry = savedRegistry;
  await registry?.close();
});

/** "<id> <Status word>" of every check row on screen. */
async function rows(page: Page): Promise<Map<string, string>> {
  const list = await page.locator('li[data-step-id]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-step-id') ?? '', el.querySelector('.status-word')?.textContent?.trim() ?? '']));
  return new Map(list.map(([id, word]) => [id!, word!.replace(/^\S+\s+/, '')]));
}

it('ticking Include sign-in checks signs in through the browser, and the token rows pass', async () => {
  const w = await startWorld('casdoor', { config: '{}' });
  try {
    const entry = buildIamEntry({ mcpUrl: w.iam.mcpUrl, clientId: w.iam.clientId, platform: 'linux', callbackPort: await freePort() }).entry;
    writeFileSync(w.configPath, JSON.stringify({ mcpServers: { iam: entry } }, null, 2));
    await w.page.reload();
    await w.page.getByRole('link', { name: 'Troubleshoot' }).click();
    await w.page.getByRole('heading', { name: 'Troubleshoot', level: 1 }).waitFor();
    await expect.poll(() => w.page.getByLabel("Entry in Claude's config").inputValue()).toBe('iam');

    await w.page.getByLabel('Include sign-in checks').check();
    await checkState(w.page, 'troubleshoot-sign-in-ticked');
    // Every text the result line shows during the run, recorded in the page as it renders.
    await w.page.evaluate(`(() => {
      const el = document.querySelector('[aria-label="Diagnosis result"]');
      const log = (globalThis.statusLog = []);
      new MutationObserver(() => log.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    })()`);
    await w.page.getByRole('button', { name: 'Run diagnosis' }).click();
    const status = w.page.getByRole('status', { name: 'Diagnosis result' });
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: RUN_TIMEOUT, interval: 500 }).toMatch(/^(No problems found|Problems found|Cancelled)/);
    const seen = await w.page.evaluate<string[]>('globalThis.statusLog');
    const result = await rows(w.page);
    for (const id of TOKEN_ROWS) expect(`${id} ${result.get(id)}`, [...result].join('\n')).toBe(`${id} Pass`);
    expect(result.has('token.login')).toBe(false);
    // The wait for the sign-in was announced in the result line while the browser command signed in.
    expect(seen.some((t) => /^Running: .*Waiting for sign-in/.test(t)), seen.join('\n')).toBe(true);
    await checkState(w.page, 'troubleshoot-signed-in');

    await w.page.getByLabel('Report format').selectOption('json');
    await w.page.getByRole('button', { name: 'Export report' }).click();
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('link', { name: /^Download / }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('"token.expiry"');
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  } finally {
    await w.close();
  }
}, 300_000);
