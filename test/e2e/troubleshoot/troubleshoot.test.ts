/**
 * Troubleshoot and Backups end to end: door 2 (`iam-mcp-helper ui`) against the emulator in real
 * headless Chromium, driven by the names README "Automating the app" lists, axe-core at each state.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWorld, type WizardWorld } from '../wizard/wizard-harness.js';
import { checkState } from '../wizard/wizard-steps.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

const RUN_TIMEOUT = 150_000;

/** The result of a run other than `previous` (its run id), once it no longer says Running. */
async function diagnosis(page: Page, previous?: string | null): Promise<string> {
  const status = page.getByRole('status', { name: 'Diagnosis result' });
  await expect.poll(() => status.getAttribute('data-run-id'), { timeout: RUN_TIMEOUT }).not.toBe(previous ?? null);
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: RUN_TIMEOUT, interval: 500 }).toMatch(/^(No problems found|Problems found|Cancelled)/);
  return (await status.textContent()) ?? '';
}

/** "<id> <Status word>" of every check row on screen. */
async function rows(page: Page): Promise<Map<string, string>> {
  const list = await page.locator('li[data-step-id]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-step-id') ?? '', el.querySelector('.status-word')?.textContent?.trim() ?? '']));
  return new Map(list.map(([id, word]) => [id!, word!.replace(/^\S+\s+/, '')]));
}

function guideConfig(w: WizardWorld): string {
  return JSON.stringify({ mcpServers: { iam: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-oauth', w.iam.mcpUrl],
    env: { OAUTH_CLIENT_ID: w.iam.clientId, OAUTH_SCOPES: 'read:application write:application openid profile email' } } } }, null, 2);
}

async function openTroubleshoot(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Troubleshoot' }).click();
  await page.getByRole('heading', { name: 'Troubleshoot', level: 1 }).waitFor();
  await expect.poll(() => page.getByLabel("Entry in Claude's config").inputValue()).toBe('iam');
}

/** Applies the first fix button of a config finding that is on screen; false when none is left. */
async function applyOneConfigFix(page: Page): Promise<boolean> {
  for (const id of ['config.bridge-package', 'config.scope-names', 'config.env-ignored']) {
    const row = page.locator(`li[data-step-id="${id}"]`);
    if (!(await row.count())) continue;
    const button = row.getByRole('button', { name: /^(Rewrite the entry|Set the scopes)/ });
    if (!(await button.count())) continue;
    if (!(await button.isVisible())) await row.getByText('Details').click();
    await button.click();
    const preview = page.getByRole('group', { name: `Fix for ${id}` });
    await preview.waitFor();
    await checkState(page, `troubleshoot-fix-preview-${id}`);
    await preview.getByRole('button', { name: 'Apply fix' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Fixed: .*backed up as/);
    return true;
  }
  return false;
}

describe('Troubleshoot and Backups through door 2', () => {
  it("a config written the guide's way: the findings on screen, fixes applied with backups, the config checks pass; then restore the first backup", async () => {
    const w = await startWorld('casdoor', { config: '{}' });
    try {
      const original = guideConfig(w);
      (await import('node:fs')).writeFileSync(w.configPath, original);
      await w.page.reload();
      await openTroubleshoot(w.page);
      await w.page.getByRole('button', { name: "Show Claude's logs" }).click();
      await expect.poll(() => w.page.locator('main').innerText()).toMatch(/No MCP log found for "iam"; .*Looked in: .*Claude/);
      await checkState(w.page, 'troubleshoot-idle');
      // Before a run the result's live region is in the page but shows nothing (no empty coloured bar).
      expect(await w.page.locator('.run-summary').isHidden()).toBe(true);
      await w.page.getByRole('button', { name: 'Run diagnosis' }).click();
      expect(await diagnosis(w.page)).toMatch(/^Problems found/);
      const first = await rows(w.page);
      expect(first.get('config.bridge-package'), [...first].join('\n')).toBe('Fail');
      expect(first.get('config.scope-names')).toBe('Fail');
      await expect.poll(() => w.page.locator('li[data-step-id="config.bridge-package"]').innerText()).toMatch(/package/i);
      await checkState(w.page, 'troubleshoot-problems');

      let fixes = 0;
      const runId = () => w.page.getByRole('status', { name: 'Diagnosis result' }).getAttribute('data-run-id');
      for (let before = await runId(); fixes < 4 && await applyOneConfigFix(w.page); before = await runId()) {
        fixes++;
        await diagnosis(w.page, before);
      }
      expect(fixes).toBeGreaterThan(0);
      const after = await rows(w.page);
      for (const [id, word] of after) if (id.startsWith('config.')) expect(`${id} ${word}`).toMatch(/ (Pass|Skip)$/);
      expect(readFileSync(w.configPath, 'utf8')).not.toBe(original);

      // Backups: every fix wrote once (backed up first); restore the first, the oldest.
      await w.page.getByRole('link', { name: 'Backups' }).click();
      const table = w.page.getByRole('table');
      await table.waitFor();
      const ids = await w.page.locator('tr[data-backup-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-backup-id') ?? ''));
      expect(ids.length).toBe(fixes);
      await checkState(w.page, 'backups-list');
      const oldest = ids.at(-1)!;
      await w.page.locator(`tr[data-backup-id="${oldest}"]`).getByRole('button', { name: 'Restore' }).click();
      const dialog = w.page.getByRole('dialog');
      await dialog.waitFor();
      await checkState(w.page, 'backups-restore-dialog');
      await dialog.getByRole('button', { name: 'Restore' }).click();
      await expect.poll(() => w.page.locator('main').innerText()).toMatch(new RegExp(`Restored backup ${oldest}.*kept as backup \\S+`));
      expect(readFileSync(w.configPath, 'utf8')).toBe(original);
      // The first backup's bytes on disk are what the file now holds.
      const files = walk(w.tmp).filter((f) => f.includes(`${path.sep}backups${path.sep}`) && readFileSync(f, 'utf8') === original);
      expect(files.length).toBeGreaterThan(0);
      await checkState(w.page, 'backups-restored');
    } finally {
      await w.close();
    }
  }, 600_000);
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
