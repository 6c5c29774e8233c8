/**
 * Each emulator fault the doctor attributes, as a person sees it through door 2 (`iam-mcp-helper
 * ui`) in headless Chromium: after **Run diagnosis** on the Troubleshoot page the fault's row shows
 * its status word, the cause under it and the fix under Details, and the result names that row
 * first. One emulator (hanzo-v1: without a fault every check passes or is skipped, so each finding
 * is the fault's) whose faults are switched between runs, one app, one browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Faults } from '../../iam/index.js';
import { startWorld, type WizardWorld } from '../wizard/wizard-harness.js';
import { checkState, fillInstance, next, runResult, stepRows } from '../wizard/wizard-steps.js';
import { requireChromium } from '../../helpers/chromium.js';
import { openTroubleshoot, rowFinding, rows, runAndWait, writeSetupEntry } from './troubleshoot-driver.js';

interface FaultCase {
  fault: string;
  faults: Faults;
  /** The row that names the fault, and its status word. */
  id: string;
  status: 'Fail' | 'Warn';
  /** The cause under the row, and the fix under its Details. */
  cause: RegExp;
  fix: RegExp;
}

const LOOPBACK_CALLBACK = String.raw`http://127\.0\.0\.1:\d+/callback`;

/** The faults the doctor attributes without a token (Run diagnosis without sign-in checks). */
const WITHOUT_SIGN_IN: FaultCase[] = [
  { fault: 'redirect-strict', faults: { redirectStrict: true }, id: 'redirect.loopback', status: 'Fail',
    cause: new RegExp(`^The server refuses the redirect URI the bridge will use, ${LOOPBACK_CALLBACK}: it is not in the application's Redirect URIs list, which the server matches exactly\\.$`),
    fix: new RegExp(`Add ${LOOPBACK_CALLBACK} to the application's Redirect URIs in IAM\\.`) },
  { fault: 'cors-off', faults: { corsOff: true }, id: 'cors.mcp-preflight', status: 'Warn',
    cause: /^Browser-based MCP clients at http:\/\/localhost:\d+ and http:\/\/127\.0\.0\.1:\d+ are blocked: the preflight \(OPTIONS\) is answered 405; www-authenticate and mcp-session-id not exposed to scripts\. Claude Desktop \(no browser origin\) is not affected\.$/,
    fix: /allow these origins and headers on the MCP endpoint/ },
  { fault: 'cors-no-auth-header', faults: { corsNoAuthHeader: true }, id: 'cors.mcp-preflight', status: 'Warn',
    cause: /are blocked: request header authorization not allowed\. Claude Desktop \(no browser origin\) is not affected\.$/,
    fix: /allow these origins and headers on the MCP endpoint/ },
  { fault: 'clock-skew', faults: { clockSkew: 600 }, id: 'token.clock-skew', status: 'Warn',
    cause: /^This computer's clock is (599|600|601) s behind the server's, so tokens may look expired or not yet valid\.$/,
    fix: /Turn on automatic time sync/ },
  { fault: 'app-scopes', faults: { appScopes: ['custom:read'] }, id: 'redirect.loopback', status: 'Warn',
    cause: new RegExp(`^The server refuses the requested scopes "openid profile email application:read" \\(it answered "authorization error: Invalid scope"\\): the application in IAM does not allow one of them, so the sign-in fails before the redirect URI ${LOOPBACK_CALLBACK} is even checked\\.$`),
    fix: /Request only scopes the application in IAM allows/ },
  { fault: 'mcp-path', faults: { mcpPath: '/v2/mcp' }, id: 'mcp.endpoint', status: 'Fail',
    cause: /^http:\/\/127\.0\.0\.1:\d+\/mcp answers 404: this is not the MCP endpoint \(wrong URL\); the server names http:\/\/127\.0\.0\.1:\d+\/v2\/mcp as its MCP endpoint\.$/,
    fix: /Use http:\/\/127\.0\.0\.1:\d+\/v2\/mcp as the MCP URL in the entry\./ },
];

/**
 * The faults only a real token shows: on the Troubleshoot page with **Include sign-in checks** (the
 * doctor signs in first), and in Set up's **Sign in and verify**.
 */
const DOCTOR_WITH_SIGN_IN: FaultCase[] = [
  // A second may pass between the token's issue and the check: 29 or 30 s.
  { fault: 'token-ttl', faults: { tokenTtl: 30 }, id: 'token.expiry', status: 'Warn', cause: /^The access token expires in (29|30) s\.$/, fix: /Fix:/ },
  { fault: 'no-refresh-grant', faults: { noRefreshGrant: true }, id: 'token.refresh', status: 'Warn',
    cause: /^The login returned no refresh token, so the bridge cannot renew the access token and you will sign in again at every expiry\.$/, fix: /Enable Refresh Token in the application's Grant types in IAM\./ },
  { fault: 'revoke-all', faults: { revokeAll: true }, id: 'scope.tool-access', status: 'Fail', cause: /^The server rejected the token \(Access token doesn't exist in database\)\.$/, fix: /Fix:/ },
];

const WITH_SIGN_IN: FaultCase[] = [
  { fault: 'token-ttl', faults: { tokenTtl: 30 }, id: 'token.expiry', status: 'Warn',
    cause: /^the token lives only 30 s$/, fix: /A short lifetime forces frequent refreshes/ },
  { fault: 'no-refresh-grant', faults: { noRefreshGrant: true }, id: 'token.refresh', status: 'Warn',
    cause: /^the server issued no refresh token: every client must sign in again when the access token expires$/, fix: /Enable the refresh_token grant type on the application/ },
  { fault: 'revoke-all', faults: { revokeAll: true }, id: 'mcp.initialize', status: 'Fail',
    cause: /^the server refused the access token just issued \(HTTP 401: Access token doesn't exist in database\): revoked, expired, or not meant for this resource$/, fix: /it was revoked/ },
];

/** The one DOM call made in the page (this project's TypeScript has no DOM types). */
interface DomLike { document: { querySelector(selector: string): { textContent: string | null } | null } }

beforeAll(requireChromium);

let w: WizardWorld;
beforeAll(async () => {
  w = await startWorld('hanzo-v1', { config: '{}' });
  writeSetupEntry(w);
  await w.page.reload();
}, 120_000);
afterAll(async () => { await w?.close(); });

/** Every row that is not Pass or Skip, as "id Word". */
async function findings(page: Page): Promise<string[]> {
  return [...await rows(page)].filter(([, word]) => word !== 'Pass' && word !== 'Skip').map(([id, word]) => `${id} ${word}`);
}

describe('Troubleshoot: each fault the doctor attributes without a sign-in', () => {
  it('with no fault, Run diagnosis finds no problem (so each finding below is the fault\'s)', async () => {
    await openTroubleshoot(w.page);
    w.iam.setFaults({});
    const result = await runAndWait(w.page, 'Run diagnosis');
    expect(result, (await findings(w.page)).join('\n')).toMatch(/^No problems found/);
  }, 180_000);

  it.each(WITHOUT_SIGN_IN)('$fault: $id shows $status with its cause and fix', async (c) => {
    w.iam.setFaults(c.faults);
    const result = await runAndWait(w.page, 'Run diagnosis');
    expect(result).toMatch(new RegExp(`^Problems found: .* First: ${c.id.replace('.', '\\.')} — `));
    const shown = await rows(w.page);
    expect(shown.get(c.id), (await findings(w.page)).join('\n')).toBe(c.status);
    const { cause, text } = await rowFinding(w.page, c.id);
    expect(cause).toMatch(c.cause);
    expect(text).toMatch(c.fix);
    process.stderr.write(`[fault] ${c.fault} → ${c.id} ${c.status}: ${cause}\n`);
    if (c.fault === 'redirect-strict') await checkState(w.page, 'troubleshoot-fault-redirect-strict');
  }, 180_000);

  it('a fault that needs a token: without a sign-in its token checks say they were skipped and why', async () => {
    w.iam.setFaults({ revokeAll: true });
    await runAndWait(w.page, 'Run diagnosis');
    const shown = await rows(w.page);
    for (const id of ['scope.tool-access', 'token.expiry', 'token.refresh']) expect(`${id} ${shown.get(id)}`).toBe(`${id} Skip`);
    expect((await rowFinding(w.page, 'token.refresh')).cause).toBe('Skipped: this check needs a sign-in, and this run has none.');
  }, 180_000);
});

describe('Troubleshoot with Include sign-in checks: the faults only a real token shows', () => {
  it('the entry is chosen on the Troubleshoot page', () => openTroubleshoot(w.page), 60_000);
  it.each(DOCTOR_WITH_SIGN_IN)('$fault: $id shows $status with its cause and fix', async (c) => {
    w.iam.setFaults(c.faults);
    await w.page.getByRole('checkbox', { name: 'Include sign-in checks' }).check();
    const result = await runAndWait(w.page, 'Run diagnosis');
    expect(result).toMatch(/^Problems found/);
    const shown = await rows(w.page);
    expect(shown.get(c.id), (await findings(w.page)).join('\n')).toBe(c.status);
    const { cause, text } = await rowFinding(w.page, c.id);
    expect(cause).toMatch(c.cause);
    expect(text).toMatch(c.fix);
    process.stderr.write(`[fault] ${c.fault} → ${c.id} ${c.status} (Troubleshoot, signed in): ${cause}\n`);
  }, 180_000);
});

describe("Set up's Sign in and verify: the faults only a real token shows", () => {
  it('the wizard reaches its Verify step (the entry is already in the config)', async () => {
    w.iam.setFaults({});
    await w.page.getByRole('link', { name: 'Set up' }).click();
    await fillInstance(w, 'faults');
    await next(w.page, "Add the server to Claude Desktop's config");
    await next(w.page, 'Verify the connection');
    await w.page.getByRole('button', { name: 'Sign in and verify' }).waitFor();
  }, 180_000);

  it.each(WITH_SIGN_IN)('$fault: $id shows $status with its cause and fix', async (c) => {
    w.iam.setFaults(c.faults);
    const page = w.page;
    const running = page.waitForFunction(() => (globalThis as unknown as DomLike).document.querySelector('[role="status"]')?.textContent?.startsWith('Running'), undefined, { polling: 'raf', timeout: 30_000 });
    await page.getByRole('button', { name: 'Sign in and verify' }).click();
    await running;
    await runResult(page);
    const shown = await stepRows(page);
    expect(shown, shown.join('\n')).toContain(`${c.id} ${c.status}`);
    const { cause, text } = await rowFinding(page, c.id);
    expect(cause).toMatch(c.cause);
    expect(text).toMatch(c.fix);
    process.stderr.write(`[fault] ${c.fault} → ${c.id} ${c.status} (Set up): ${cause}\n`);
  }, 180_000);
});
