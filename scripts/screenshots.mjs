#!/usr/bin/env node
// `npm run screenshots`: a PNG of every setup wizard page (the config bridge route, then the
// extension bundle and custom connector pages) and of Troubleshoot and Backups, light and dark at 1280x800, plus the
// same pages at 1024x700 and at 200 % zoom (640x400 CSS pixels at scale 2), under
// test-results/screenshots/. Runs the real app (door 2) against the IAM emulator. Needs `npm run build`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { troubleshootScreenshots } from './troubleshoot-screenshots.mjs';
import { ROOT, openBrowser, startBackend, walk, walkRoutes } from './wizard-driver.mjs';

const out = path.join(ROOT, 'test-results', 'screenshots');
mkdirSync(out, { recursive: true });
const variants = [
  { name: 'light', colorScheme: 'light' },
  { name: 'dark', colorScheme: 'dark' },
  { name: '1024x700', colorScheme: 'light', viewport: { width: 1024, height: 700 } },
  { name: 'zoom200', colorScheme: 'light', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];
for (const v of variants) {
  const backend = await startBackend('casdoor');
  const browser = await openBrowser(v);
  try {
    await browser.page.goto(backend.uiUrl);
    const shot = async (page) => {
      const file = path.join(out, `setup-${page}-${v.name}.png`);
      await browser.page.screenshot({ path: file, fullPage: /^(1-server-bundle|4-bundle|4-connector)/.test(page) });
      console.log(file);
    };
    await walk(browser.page, backend, shot);
    await walkRoutes(browser.page, shot);
  } finally {
    await browser.close();
    await backend.close();
  }
}
await troubleshootScreenshots(out);
