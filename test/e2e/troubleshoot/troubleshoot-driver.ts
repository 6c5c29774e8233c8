/**
 * The Troubleshoot page driven as a person would, by the names README "Automating the app" lists:
 * choose the entry, **Run diagnosis**, read the result (`role="status"` named *Diagnosis result*)
 * and each check row (`data-step-id`, its status word, the cause under it, Details).
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import type { WizardWorld } from '../wizard/wizard-harness.js';

const RUN_TIMEOUT = 150_000;

/** Writes the entry the helper's setup writes for the world's emulator as the config's only server, `iam`. */
export function writeSetupEntry(w: WizardWorld, extra: { args?: string[]; env?: Record<string, string> } = {}): Record<string, unknown> {
  const { entry } = buildIamEntry({ mcpUrl: w.iam.mcpUrl, clientId: w.iam.clientId, platform: process.platform });
  const iam = { ...entry, args: [...entry.args, ...(extra.args ?? [])], ...(extra.env ? { env: { ...entry.env, ...extra.env } } : {}) };
  writeFileSync(w.configPath, JSON.stringify({ mcpServers: { iam } }, null, 2));
  return iam;
}

/** Navigation → Troubleshoot, with the config's entry `iam` chosen. */
export async function openTroubleshoot(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Troubleshoot' }).click();
  await page.getByRole('heading', { name: 'Troubleshoot', level: 1 }).waitFor();
  await expect.poll(() => page.getByLabel("Entry in Claude's config").inputValue()).toBe('iam');
}

const resultStatus = (page: Page) => page.getByRole('status', { name: 'Diagnosis result' });

/** The run id on screen (null before the first run). */
export function currentRunId(page: Page): Promise<string | null> {
  return resultStatus(page).getAttribute('data-run-id');
}

/** The result of a run other than `previous` (its run id), once it no longer says Running. */
export async function diagnosis(page: Page, previous?: string | null): Promise<string> {
  const status = resultStatus(page);
  await expect.poll(() => status.getAttribute('data-run-id'), { timeout: RUN_TIMEOUT }).not.toBe(previous ?? null);
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: RUN_TIMEOUT, interval: 250 }).toMatch(/^(No problems found|Problems found|Cancelled)/);
  return (await status.textContent()) ?? '';
}

/** Clicks a run button (Run diagnosis, Verify as Claude Desktop runs it) and returns that run's result. */
export async function runAndWait(page: Page, button: string): Promise<string> {
  const before = await currentRunId(page);
  await page.getByRole('button', { name: button }).click();
  return diagnosis(page, before);
}

/** The status word of every check row on screen, by id ("Pass", "Warn", "Fail", "Skip"). */
export async function rows(page: Page): Promise<Map<string, string>> {
  const list = await page.locator('li[data-step-id]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-step-id') ?? '', el.querySelector('.status-word')?.textContent?.trim() ?? '']));
  return new Map(list.map(([id, word]) => [id!, word!.replace(/^\W+/, '')]));
}

/** What a person reads in one row once its Details are open: the cause under the row, then the fix. */
export async function rowFinding(page: Page, id: string): Promise<{ cause: string; text: string }> {
  const row = page.locator(`li[data-step-id="${id}"]`);
  const details = row.locator('details.step-details');
  if ((await details.count()) && !(await details.evaluate((d) => (d as { open: boolean }).open))) await details.locator('summary').click();
  const cause = (await row.locator('.step-cause').textContent()) ?? '';
  return { cause: cause.trim(), text: await row.innerText() };
}
