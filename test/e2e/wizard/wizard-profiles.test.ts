/**
 * From an empty temp config to Verified (own sign-in and the real bridge) through door 2 in
 * headless Chromium, against each emulator profile.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ProfileName } from '../../iam/index.js';
import { startWorld } from './wizard-harness.js';
import { checkState, fillInstance, next, signInAndVerify, stepRows, verifyViaBridge, writeConfig } from './wizard-steps.js';

const PROFILES: ProfileName[] = ['casdoor', 'hanzo-v1', 'spec'];

describe.each(PROFILES)('setup wizard against %s', (profile) => {
  it('reaches Verified with its own sign-in and through the bridge', async () => {
    const w = await startWorld(profile);
    try {
      await fillInstance(w, profile);
      await writeConfig(w, profile);
      const config = JSON.parse(readFileSync(w.configPath, 'utf8')) as { mcpServers: Record<string, { args: string[] }> };
      expect(config.mcpServers.iam?.args).toContain(w.iam.mcpUrl);
      const own = await signInAndVerify(w, profile);
      expect(own, (await stepRows(w.page)).join('\n')).toMatch(/^Verified/);
      const rows = await stepRows(w.page);
      expect(rows).toContain('token.exchange Pass');
      expect(rows.every((r) => / (Pass|Warn|Skip)$/.test(r)), rows.join('\n')).toBe(true);
      const bridge = await verifyViaBridge(w, profile);
      expect(bridge, (await stepRows(w.page)).join('\n')).toMatch(/^Verified/);
      await next(w.page, 'Restart Claude Desktop');
      // No Claude Desktop runs on the test machine: the step says so from the process list.
      await w.page.getByText('Claude Desktop is not running.').waitFor();
      await checkState(w.page, `${profile}-6-done`);
    } finally {
      await w.close();
    }
  }, 400_000);
});
