/**
 * Export report through door 2 in headless Chromium: an entry of Claude's config carrying a bearer
 * token (`--header`), a client secret (`--static-oauth-client-info`), a password (env) and an
 * authorization code (a URL's `?code=`) is diagnosed and verified as Claude Desktop runs it; each
 * run's report, downloaded as Markdown and as JSON the way a person gets it, holds none of them (no
 * 8 characters of any), nor any token or code the server issued during the runs (written down by a
 * proxy in front of the emulator), nor the password the sign-in used.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { startWorld, type WizardWorld } from '../wizard/wizard-harness.js';
import { requireChromium } from '../../helpers/chromium.js';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';
import { openTroubleshoot, rows, runAndWait } from './troubleshoot-driver.js';

beforeAll(requireChromium);

const b64 = (n: number) => randomBytes(n).toString('base64url');
const b64json = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Random values, so that any 8 characters of one found in a report can only come from it. */
const PLANTED = {
  bearer: `${b64json({ alg: 'HS256', typ: 'JWT', kid: b64(6) })}.${b64json({ sub: b64(9), scope: 'application:read' })}.${b64(32)}`,
  clientSecret: b64(24),
  password: `${b64(12)}!`,
  code: b64(16),
};

let w: WizardWorld;
let proxy: RecordingProxy;

beforeAll(async () => {
  w = await startWorld('hanzo-v1', { config: '{}' });
  proxy = await startRecordingProxy(w.iam.origin);
  // npx may only use the project's installed mcp-remote (HOME is the app's, and so the bridge's).
  writeFileSync(path.join(w.tmp, '.npmrc'), 'offline=true\n');
  const mcpUrl = `${proxy.origin}${new URL(w.iam.mcpUrl).pathname}`;
  const clean = buildIamEntry({ mcpUrl, clientId: w.iam.clientId, platform: process.platform }).entry;
  const leakyBuilt = buildIamEntry({ mcpUrl: `${mcpUrl}?code=${PLANTED.code}`, clientId: w.iam.clientId, platform: process.platform }).entry;
  const leaky = {
    ...leakyBuilt,
    args: [...leakyBuilt.args.map((a) => (a.startsWith('{"client_id"') ? JSON.stringify({ client_id: w.iam.clientId, client_secret: PLANTED.clientSecret }) : a)),
      '--header', `Authorization: Bearer ${PLANTED.bearer}`],
    env: { IAM_ADMIN_PASSWORD: PLANTED.password },
  };
  writeFileSync(w.configPath, JSON.stringify({ mcpServers: { iam: clean, leaky } }, null, 2));
  await w.page.reload();
}, 120_000);
afterAll(async () => { await w?.close(); await proxy?.close(); });

/** Export report in `format`, then the file behind its Download link, as a person saves it. */
async function exportAs(page: Page, format: 'Markdown' | 'JSON'): Promise<{ name: string; text: string }> {
  await page.getByLabel('Report format').selectOption({ label: format });
  await page.getByRole('button', { name: 'Export report' }).click();
  const link = page.getByRole('link', { name: new RegExp(`^Download iam-mcp-helper-.*\\.${format === 'JSON' ? 'json' : 'md'}$`) });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** The 8-character pieces of `secret` that appear in `text`. */
function piecesIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) found.push(secret.slice(i, i + 8));
  return found;
}

/** Asserts no planted secret, and no credential issued so far, shows in either export of the run on screen. */
async function expectCleanExports(page: Page, label: string): Promise<string[]> {
  const texts: string[] = [];
  for (const format of ['Markdown', 'JSON'] as const) {
    const { name, text } = await exportAs(page, format);
    if (format === 'JSON') expect(() => JSON.parse(text), name).not.toThrow();
    for (const [what, secret] of Object.entries(PLANTED)) expect(piecesIn(text, secret), `${label} ${name}: planted ${what}`).toEqual([]);
    for (const issued of proxy.issued) expect(piecesIn(text, issued), `${label} ${name}: a credential the server issued`).toEqual([]);
    // The sign-in's password (the emulator's admin "123", given to the browser command) is masked too.
    expect(text, `${label} ${name}: the sign-in password`).not.toMatch(new RegExp(`--password\\s+${w.iam.users.admin.password}\\b`));
    texts.push(text);
  }
  return texts;
}

describe('Export report holds no secret planted in the entry or obtained in the run', () => {
  it('the diagnosis of the entry with planted secrets, as Markdown and as JSON', async () => {
    await openTroubleshoot(w.page);
    await w.page.getByLabel("Entry in Claude's config").selectOption('leaky');
    await runAndWait(w.page, 'Run diagnosis');
    expect((await rows(w.page)).get('config.found')).toBe('Pass');
    const [md, json] = await expectCleanExports(w.page, 'diagnosis');
    // The reports do describe this entry: its masked values are there, only the secrets are not.
    expect(md).toMatch(/# IAM MCP Helper/);
    expect(md).toContain('`leaky`');
    expect(json).toMatch(/…\(\d+ chars\)/);
  }, 180_000);

  it('Verify as Claude Desktop runs it, for the planted entry and for the clean one (a real sign-in)', async () => {
    await runAndWait(w.page, 'Verify as Claude Desktop runs it');
    await expectCleanExports(w.page, 'bridge run (planted entry)');
    await w.page.getByLabel("Entry in Claude's config").selectOption('iam');
    const before = proxy.issued.size;
    await runAndWait(w.page, 'Verify as Claude Desktop runs it');
    // The run signed in: the server issued a code and tokens, and the bridge used them.
    expect(proxy.issued.size).toBeGreaterThan(before);
    expect((await rows(w.page)).get('mcp.tool-call')).toBe('Pass');
    await expectCleanExports(w.page, 'bridge run (clean entry)');
    // The diagnosis exported again after the sign-in: still nothing issued in it.
    await runAndWait(w.page, 'Run diagnosis');
    await expectCleanExports(w.page, 'diagnosis after the sign-in');
  }, 300_000);
});
