// Drives the setup wizard in headless Chromium through door 2 against the IAM emulator, for
// `npm run screenshots` and bench/wizard.mjs. Needs `npm run build` (dist/ and renderer/dist).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The emulator (in this process), `iam-mcp-helper ui` (a child) and a temp folder for both. */
export async function startBackend(profile = 'casdoor') {
  const { startEmulator } = await import(path.join(ROOT, 'dist/test/iam/index.js'));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wizard-drive-'));
  const iam = await startEmulator({ profile });
  const login = `"${process.execPath}" "${path.join(ROOT, 'dist/test/iam/login/cli.js')}" --user ${iam.users.admin.username} --password ${iam.users.admin.password}`;
  const configPath = path.join(tmp, 'claude.json');
  const env = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, '.config'), npm_config_cache: path.join(os.homedir(), '.npm') };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/iam-mcp-helper.js'), 'ui', '--no-open', '--config', configPath, '--browser-command', login], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const ui = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ui printed no link: ${out}`)), 30_000);
    child.stdout.on('data', (d) => { out += d; const m = /UI: (\S+)/.exec(out); if (m) { clearTimeout(timer); resolve(m[1]); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`ui exited ${code}`)); });
  });
  return {
    iam, tmp, configPath, login, uiUrl: ui,
    /** A fresh one-time link: door 2 allows one page per link, so a second browser needs a second ui. */
    async close() {
      await new Promise((r) => { if (child.exitCode !== null) r(); else { child.once('exit', r); child.kill('SIGTERM'); } });
      await iam.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function openBrowser({ colorScheme = 'light', viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, colorScheme, viewport, deviceScaleFactor });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(20_000);
  return { page, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export async function waitResult(page) {
  const status = page.getByRole('status');
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const text = (await status.textContent().catch(() => '')) ?? '';
    if (/^(Verified|Failed|Cancelled)/.test(text)) return text;
  }
  throw new Error('no result within 180 s');
}

/** Walks the wizard; `shot(name)` is called on each page once it shows what matters. */
export async function walk(page, backend, shot = async () => {}) {
  await page.getByRole('heading', { name: 'Set up', level: 1 }).waitFor();
  await page.getByLabel('MCP server URL').fill(backend.iam.origin);
  await page.getByRole('button', { name: 'Check server' }).click();
  await page.getByText('Found an MCP server').waitFor();
  await page.getByRole('radio', { name: 'Config bridge (mcp-remote)', exact: true }).check({ timeout: 60_000 });
  await shot('1-server');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(/^http:\/\/127\.0\.0\.1:\d+\/\S*callback$/).first().waitFor();
  await page.getByLabel('Client ID').fill(backend.iam.clientId);
  await page.getByText(/^Checked with the server/).waitFor();
  await shot('2-application');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Scopes').waitFor();
  await shot('3-permissions');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Preview change' }).click();
  await page.getByRole('region', { name: /^Change to / }).waitFor();
  await shot('4-claude-desktop');
  await page.getByRole('button', { name: 'Write to Claude config' }).click();
  await page.getByText(/^(Written\.|Nothing to write)/).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Sign in and verify' }).click();
  const started = performance.now();
  const own = await waitResult(page);
  const ownMs = performance.now() - started;
  await shot('5-verify');
  await page.getByRole('button', { name: 'Verify as Claude Desktop runs it' }).click();
  await page.getByRole('status').filter({ hasText: /^Running/ }).waitFor();
  const bridge = await waitResult(page);
  await shot('5-verify-bridge');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Quit Claude Desktop completely.').waitFor();
  await page.locator('.claude-status .panel').waitFor();
  await shot('6-done');
  return { own, ownMs, bridge };
}

const back = async (page, times) => { for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Back' }).click(); };

/**
 * After `walk` (on its last page): back to step 1, then the extension bundle route (built next to
 * the config) and the custom connector route (its paste table and checks), each photographed.
 */
export async function walkRoutes(page, shot = async () => {}) {
  await back(page, 5);
  await page.getByRole('radio', { name: 'Extension bundle (.mcpb)', exact: true }).check({ timeout: 60_000 });
  await shot('1-server-bundle');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Build extension bundle' }).click();
  await page.getByText(/^Built .*\.mcpb \(/).waitFor({ timeout: 180_000 });
  await shot('4-bundle');
  await back(page, 3);
  await page.getByRole('radio', { name: 'Custom connector (Settings → Connectors)', exact: true }).check({ timeout: 60_000 });
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
  await waitResult(page);
  await shot('4-connector');
}
