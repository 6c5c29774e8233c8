/**
 * The wizard end to end: an IAM emulator, door 2 (`iam-mcp-helper ui` from dist/, with a temp
 * config, a temp HOME for its settings and the emulator's Chromium login as --browser-command),
 * and a real headless Chromium showing the app. axe-core is evaluated in the page (CDP evaluate
 * is not subject to the page's CSP).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, type EmulatorHandle, type Faults, type ProfileName } from '../../iam/index.js';

export const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface UiProcess { child: ChildProcess; url: string; stop(): Promise<void> }

/** Starts `iam-mcp-helper ui --no-open` and resolves with the one-time link it prints. */
export function startUi(args: string[], env: NodeJS.ProcessEnv): Promise<UiProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/iam-mcp-helper.js'), 'ui', '--no-open', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error(`ui printed no link in 30 s: ${out}${err}`)); }, 30_000);
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /UI: (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1]!, stop }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`ui exited ${code}: ${out}${err}`)); });
  });
}

export async function openChromium(colorScheme: 'light' | 'dark' = 'light', viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, colorScheme, viewport });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: string[] }

/** Serious and critical axe-core violations on the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe, document } = (globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } });
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface WizardWorld {
  iam: EmulatorHandle;
  ui: UiProcess;
  tmp: string;
  configPath: string;
  page: Page;
  close(): Promise<void>;
}

/** Emulator + door 2 + Chromium on the app's link. `config` (if given) is written as the config file's bytes first. */
export async function startWorld(profile: ProfileName, opts: { faults?: Faults; config?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<WizardWorld> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-'));
  const configPath = path.join(tmp, 'claude.json');
  if (opts.config !== undefined) (await import('node:fs')).writeFileSync(configPath, opts.config);
  const iam = await startEmulator({ profile, ...(opts.faults ? { faults: opts.faults } : {}) });
  const login = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'dist/test/iam/login/cli.js'))} --user ${iam.users.admin.username} --password ${iam.users.admin.password}`;
  const env = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, '.config'), npm_config_cache: path.join(os.homedir(), '.npm') };
  const ui = await startUi(['--config', configPath, '--browser-command', login], env).catch(async (e: unknown) => { await iam.close(); throw e; });
  const browser = await openChromium(opts.colorScheme);
  await browser.page.goto(ui.url);
  return {
    iam, ui, tmp, configPath, page: browser.page,
    async close() {
      await browser.close();
      await ui.stop();
      await iam.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
