// Screenshots of the Troubleshoot and Backups pages (light and dark, 1280x800, full page) through
// door 2 against the emulator: a config written the setup guide's way is diagnosed, one fix is
// previewed and applied, then the backups list and the restore dialog are photographed.
// Run directly (`node scripts/troubleshoot-screenshots.mjs`) or from scripts/screenshots.mjs. Needs `npm run build`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, startBackend } from './wizard-driver.mjs';

async function until(fn, what, ms = 150_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function troubleshootScreenshots(out) {
  for (const colorScheme of ['light', 'dark']) {
    const backend = await startBackend('casdoor');
    const browser = await openBrowser({ colorScheme });
    const { page } = browser;
    const shot = async (name, fullPage = true) => {
      const file = path.join(out, `${name}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage });
      console.log(file);
    };
    try {
      writeFileSync(backend.configPath, JSON.stringify({ mcpServers: { iam: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-oauth', backend.iam.mcpUrl],
        env: { OAUTH_CLIENT_ID: backend.iam.clientId, OAUTH_SCOPES: 'read:application write:application openid profile email' } } } }, null, 2));
      await page.goto(backend.uiUrl);
      await page.getByRole('link', { name: 'Troubleshoot' }).click();
      await until(async () => (await page.getByLabel("Entry in Claude's config").inputValue()) === 'iam', 'the entries');
      await shot('troubleshoot-idle', false);
      const status = page.getByRole('status', { name: 'Diagnosis result' });
      await page.getByRole('button', { name: 'Run diagnosis' }).click();
      await until(async () => /^(No problems found|Problems found|Cancelled)/.test((await status.textContent()) ?? ''), 'the diagnosis');
      await shot('troubleshoot-problems');
      const row = page.locator('li[data-step-id="config.bridge-package"]');
      await row.getByRole('button', { name: /^Rewrite the entry/ }).click();
      await page.getByRole('group', { name: 'Fix for config.bridge-package' }).waitFor();
      await row.scrollIntoViewIfNeeded();
      await shot('troubleshoot-fix-preview', false);
      const before = await status.getAttribute('data-run-id');
      await page.getByRole('button', { name: 'Apply fix' }).click();
      await until(async () => (await status.getAttribute('data-run-id')) !== before && /^(No problems found|Problems found)/.test((await status.textContent()) ?? ''), 'the re-run');
      await page.evaluate(() => globalThis.scrollTo(0, 0));
      await shot('troubleshoot-after-fix', false);
      await page.getByRole('link', { name: 'Backups' }).click();
      await page.getByRole('table').waitFor();
      await shot('backups-list', false);
      await page.locator('tr[data-backup-id]').first().getByRole('button', { name: 'Compare' }).click();
      await page.locator('.backup-diff').waitFor();
      await shot('backups-compare');
      await page.locator('tr[data-backup-id]').first().getByRole('button', { name: 'Restore' }).click();
      await page.getByRole('dialog').waitFor();
      await shot('backups-restore-dialog', false);
    } finally {
      await browser.close();
      await backend.close();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ROOT } = await import('./wizard-driver.mjs');
  const { mkdirSync } = await import('node:fs');
  const out = path.join(ROOT, 'test-results', 'screenshots');
  mkdirSync(out, { recursive: true });
  await troubleshootScreenshots(out);
}
