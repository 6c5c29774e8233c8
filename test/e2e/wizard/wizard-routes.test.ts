/**
 * The wizard's other routes through door 2 in headless Chromium against the emulator: the
 * extension bundle (built next to the config, then the IAM side verified with the real sign-in)
 * and the custom connector (what to paste where, and the connector checks for a loopback IAM).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorld } from './wizard-harness.js';
import { checkState, fillInstance, next, runResult, signInAndVerify, stepRows } from './wizard-steps.js';

describe('setup wizard routes', () => {
  it('the bundle route: builds the .mcpb next to the config, says where and how big, and reaches Verified', async () => {
    const w = await startWorld('casdoor');
    try {
      await fillInstance(w, 'bundle', undefined, 'bundle');
      await next(w.page, 'Build and install the extension bundle');
      await checkState(w.page, 'bundle-4-ready');
      await w.page.getByRole('button', { name: 'Build extension bundle' }).click();
      const built = w.page.getByText(/^Built hanzo-iam-127-0-0-1\.mcpb \(\d+(\.\d)? (KB|MB)\)\.$/);
      await built.waitFor({ timeout: 120_000 });
      const file = path.join(path.dirname(w.configPath), 'hanzo-iam-127-0-0-1.mcpb');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(10_000);
      expect(await w.page.getByText(file, { exact: true }).count()).toBe(1);
      await checkState(w.page, 'bundle-4-built');
      const own = await signInAndVerify(w, 'bundle');
      expect(own, (await stepRows(w.page)).join('\n')).toMatch(/^Verified/);
      expect(await w.page.getByRole('button', { name: 'Verify as Claude Desktop runs it' }).count()).toBe(0);
    } finally {
      await w.close();
    }
  }, 400_000);

  it('the connector route (dark): what to paste where, and the connector checks rule out a loopback IAM', async () => {
    const w = await startWorld('casdoor', { faults: { claudeCallbacks: true }, colorScheme: 'dark' });
    try {
      await fillInstance(w, 'connector', undefined, 'connector');
      await next(w.page, 'Add the custom connector in Claude');
      const paste = w.page.getByRole('table', { name: /What to paste/ });
      await paste.getByText(w.iam.mcpUrl, { exact: true }).waitFor();
      expect(await paste.getByText(w.iam.clientId, { exact: true }).count()).toBe(1);
      expect(await runResult(w.page)).toMatch(/^Failed at connector\.public-host/);
      const rows = await stepRows(w.page);
      expect(rows).toContain('connector.public-host Fail');
      expect(rows).toContain('connector.callback-registered Pass');
      await checkState(w.page, 'connector-4-paste');
    } finally {
      await w.close();
    }
  }, 200_000);
});
