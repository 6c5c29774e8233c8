#!/usr/bin/env node
// The setup wizard's speed against the local IAM emulator (casdoor profile):
// - "Sign in and verify" to Verified in the app (door 2, headless Chromium), next to
//   `iam-mcp-helper verify` doing the same flow in the CLI (both sign in through the emulator's
//   Chromium login as --browser-command); target: the app within 1.2x of the CLI;
// - the renderer's JavaScript, gzip-compressed (target <= 250 KB);
// - first render: navigation start to the app's first committed render (its `app-first-render`
//   performance mark, the page's <h1> in the DOM) in headless Chromium, on the page's own clock
//   (target <= 300 ms); first contentful paint is printed next to it. A fresh browser profile per run.
// A measurement, not a test. Usage: npm run build && node bench/wizard.mjs [runs=3]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { ROOT, openBrowser, startBackend, waitResult, walk } from '../scripts/wizard-driver.mjs';

const runs = Number(process.argv[2] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SCOPES = 'openid profile email application:read';

const assets = path.join(ROOT, 'renderer/dist/assets');
const jsGzip = readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);

function cliVerify(backend) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/iam-mcp-helper.js'), 'verify', '--url', backend.iam.mcpUrl, '--client-id', backend.iam.clientId,
      '--scopes', SCOPES, '--browser-command', backend.login], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    // Exit 1 is a run with a failed step (timed all the same, and counted); anything else is an error.
    child.once('exit', (code) => (code === 0 || code === 1 ? resolve({ ms: performance.now() - started, ok: code === 0, out }) : reject(new Error(`verify exited ${code}:\n${out}`))));
  });
}

const firstRender = [];
const firstPaint = [];
for (let i = 0; i < runs; i++) {
  const backend = await startBackend('casdoor');
  const browser = await openBrowser();
  try {
    await browser.page.goto(backend.uiUrl);
    await browser.page.waitForFunction('document.querySelector("h1") !== null && performance.getEntriesByName("app-first-render").length > 0', null, { polling: 'raf' });
    await browser.page.waitForFunction('performance.getEntriesByName("first-contentful-paint").length > 0', null, { polling: 100 });
    firstRender.push(await browser.page.evaluate('performance.getEntriesByName("app-first-render")[0].startTime'));
    firstPaint.push(await browser.page.evaluate('performance.getEntriesByName("first-contentful-paint")[0].startTime'));
  } finally {
    await browser.close();
    await backend.close();
  }
}

const gui = [];
const cli = [];
let guiOk = 0;
let cliOk = 0;
const backend = await startBackend('casdoor');
const browser = await openBrowser();
try {
  const { page } = browser;
  await page.goto(backend.uiUrl);
  const walked = await walk(page, backend);
  if (!/^Verified/.test(walked.own)) throw new Error(`the wizard did not verify: ${walked.own}`);
  await page.getByRole('button', { name: 'Back' }).click();
  for (let i = 0; i < runs; i++) {
    // "Sign in and verify" on the verify page, then the same flow in the CLI, alternating.
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Sign in and verify' }).click();
    await page.getByRole('status').filter({ hasText: /^Running/ }).waitFor();
    const result = await waitResult(page);
    gui.push(performance.now() - t0);
    if (/^Verified/.test(result)) guiOk++; else console.error(`app run ${i + 1}: ${result}`);
    const c = await cliVerify(backend);
    cli.push(c.ms);
    if (c.ok) cliOk++; else console.error(`CLI run ${i + 1}: ${c.out.split('\n').filter((l) => l.startsWith('✖')).join('; ')}`);
  }
} finally {
  await browser.close();
  await backend.close();
}
const g = median(gui);
const c = median(cli);
console.log(`runs: ${runs} (medians); Verified: app ${guiOk}/${runs}, CLI ${cliOk}/${runs}`);
console.log(`Sign in and verify -> Verified (app, door 2): ${g.toFixed(0)} ms`);
console.log(`iam-mcp-helper verify (CLI, whole process):  ${c.toFixed(0)} ms`);
console.log(`app / CLI: ${(g / c).toFixed(2)}x (target <= 1.2x)`);
console.log(`renderer JS gzip: ${(jsGzip / 1024).toFixed(1)} KB (target <= 250 KB)`);
console.log(`first render (navigation start to the first committed render): ${median(firstRender).toFixed(0)} ms (target <= 300 ms); first contentful paint ${median(firstPaint).toFixed(0)} ms; load ${os.loadavg()[0].toFixed(1)}`);
