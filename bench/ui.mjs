#!/usr/bin/env node
// Speed of the browser door: from starting `iam-mcp-helper ui --no-open` to the first paint of
// its page in headless Chromium (browser already running), split into "link printed" and "page
// painted"; and the renderer's JavaScript size gzipped (budget 250 KB). A measurement, not a test.
// Usage: npm run build && node bench/ui.mjs [runs=5]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const assets = path.join(root, 'renderer/dist/assets');
const js = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
const gz = js.reduce((n, f) => n + gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
const raw = js.reduce((n, f) => n + fs.statSync(path.join(assets, f)).size, 0);
console.log(`renderer JS: ${js.length} file(s), ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (budget 250 KB)`);

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-bench-'));
fs.writeFileSync(path.join(home, 'c.json'), '{"mcpServers":{}}');
const ctx = await chromium.launchPersistentContext(path.join(home, 'chromium'), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? await ctx.newPage();
const rows = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/iam-mcp-helper.js'), 'ui', '--no-open', '--config', path.join(home, 'c.json')],
    { env: { ...process.env, HOME: home, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = /UI: (\S+)/.exec(out); if (m) resolve(m[1]); });
    child.once('exit', () => reject(new Error(out)));
  });
  const printed = performance.now() - t0;
  const navStart = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('link', { name: 'Set up' }).waitFor();
  /* global PerformanceObserver, window */
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    const done = (e) => resolve(e.startTime);
    const seen = window.performance.getEntriesByName('first-contentful-paint')[0];
    if (seen) return done(seen);
    new PerformanceObserver((l) => { const e = l.getEntriesByName('first-contentful-paint')[0]; if (e) done(e); }).observe({ type: 'paint', buffered: true });
  }));
  rows.push({ printed, firstPaint: navStart - t0 + fcp });
  await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGINT'); });
}
await ctx.close();
fs.rmSync(home, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`ui start -> link printed: median ${median(rows.map((r) => r.printed)).toFixed(0)} ms`);
console.log(`ui start -> first paint:  median ${median(rows.map((r) => r.firstPaint)).toFixed(0)} ms  (${runs} runs; load ${os.loadavg()[0].toFixed(1)})`);
