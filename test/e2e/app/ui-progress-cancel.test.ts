/**
 * Door 2 end to end: `iam-mcp-helper ui` as a process, its link in real Chromium, a doctor run
 * against the emulator streaming every check into the page, a cancelled run, and Ctrl-C leaving
 * no process and no listening port behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startEmulator } from '../../iam/index.js';
import { parseFaults } from '../../iam/faults.js';
import type { EmulatorHandle } from '../../iam/types.js';
import { CHECK_IDS } from '../../../main/core/diagnostics/checks/index.js';
import { groupAlive, interrupt, openChromium, portRefuses, startUiProcess, type UiProcess } from '../../helpers/ui-process.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

let iam: EmulatorHandle;
let ui: UiProcess;
let browser: { ctx: BrowserContext; dir: string };
let page: Page;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ui-e2e-'));
const config = path.join(dir, 'claude_desktop_config.json');
const CONFIG_TEXT = '{"mcpServers":{}}\n';

beforeAll(async () => {
  iam = await startEmulator({ profile: 'casdoor' });
  writeFileSync(config, CONFIG_TEXT);
  ui = await startUiProcess(['--config', config, '--url', iam.mcpUrl, '--client-id', iam.clientId], { ...process.env, HOME: path.join(dir, 'home'), BROWSER: '/bin/false' });
  browser = await openChromium();
  page = browser.ctx.pages()[0] ?? await browser.ctx.newPage();
  await page.goto(ui.url);
});

afterAll(async () => {
  await browser?.ctx.close();
  if (ui && ui.child.exitCode === null) await interrupt(ui);
  await iam?.close();
  rmSync(dir, { recursive: true, force: true });
  if (browser) rmSync(browser.dir, { recursive: true, force: true });
});

const checks = () => page.locator('li[data-step-id]');
const status = () => page.getByRole('status', { name: 'Diagnosis result' });

describe('door 2 in Chromium: progress and cancel', () => {
  it('a doctor run streams every check into the page as it runs', async () => {
    await page.getByRole('link', { name: 'Troubleshoot' }).click();
    await expect.poll(() => page.getByLabel('MCP URL').inputValue()).toBe(iam.mcpUrl);
    iam.setFaults(parseFaults(['slow=150']));
    await page.getByRole('button', { name: 'Run diagnosis' }).click();
    const seenWhileRunning = new Set<number>();
    await expect.poll(async () => {
      const text = await status().textContent();
      if (text?.startsWith('Running')) seenWhileRunning.add(await checks().count());
      return text;
    }, { timeout: 60_000, interval: 50 }).toMatch(/^(No problems found|Problems found)/);
    // Streamed: the list grew while the run was still going, before the final answer.
    expect([...seenWhileRunning].some((n) => n > 0 && n < CHECK_IDS.length)).toBe(true);
    const ids = await checks().evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-id')));
    expect([...ids].sort()).toEqual([...CHECK_IDS].sort());
    const words = await checks().evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
    expect(words.every((w) => /Pass|Warn|Fail|Skip/.test(w) && !/Running/.test(w)), words.join(" / ")).toBe(true);
  });

  it('cancel stops a slow run: the page shows Cancelled and the server keeps cancelled: true', async () => {
    iam.setFaults(parseFaults(['slow=4000']));
    await page.getByRole('button', { name: 'Run diagnosis' }).click();
    await expect.poll(() => checks().count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toMatch(/^Cancelled/);
    // The run as the server keeps it, asked the way the page asks (same session, same origin).
    const runId = await status().getAttribute('data-run-id');
    const run = await page.evaluate(async (id) => {
      const r = await fetch('./api/getRun', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: [id] }) });
      return r.json() as Promise<{ ok: boolean; value?: { status: string; cancelled: boolean } }>;
    }, runId);
    expect(run).toMatchObject({ ok: true, value: { status: 'cancelled', cancelled: true } });
    iam.setFaults({});
  });

  it('Ctrl-C stops the server: no process, no port, the config untouched', async () => {
    const pid = ui.child.pid as number;
    expect(await interrupt(ui)).toBe(0);
    expect(groupAlive(pid)).toBe(false);
    expect(await portRefuses(ui.port)).toBe(true);
    expect(readFileSync(config, 'utf8')).toBe(CONFIG_TEXT);
  });

  it('a new start opens on the page the user moved to last (the first render does not wait for the settings)', async () => {
    ui = await startUiProcess(['--config', config], { ...process.env, HOME: path.join(dir, 'home'), BROWSER: '/bin/false' });
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Troubleshoot', level: 1 }).waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/#\/troubleshoot$/);
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    expect(await interrupt(ui)).toBe(0);
  });
});
