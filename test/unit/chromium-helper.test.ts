import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumMissingError, assertChromium } from '../helpers/chromium.js';

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('Chromium for tests (test/helpers/chromium.ts)', () => {
  it('a missing Chromium fails with one line that says what to install, and no stack', () => {
    let error: unknown;
    try { assertChromium('/nonexistent/chromium'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ChromiumMissingError);
    const { message, stack } = error as Error;
    expect(message).toMatch(/^Chromium is not installed at \/nonexistent\/chromium: .*apt-get install chromium/);
    expect(message).not.toContain('\n');
    expect(stack).toBe(`ChromiumMissingError: ${message}`);
  });

  it('every test file that drives Chromium (directly or through iam-login) requires it the same way', () => {
    const drives = /from 'playwright-core'|loginWithChromium|LOGIN_COMMAND|iam-login/;
    const offenders = testFiles('test').filter((f) => !f.endsWith('chromium-helper.test.ts'))
      .filter((f) => drives.test(readFileSync(f, 'utf8')))
      .filter((f) => !/^beforeAll\(requireChromium\);$/m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
