/**
 * The README's fast way to start the CLI from the project folder: `./bin/iam-mcp-helper.js`, run
 * through its shebang (no npm, no npx in between), after `npm run build`.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('./bin/iam-mcp-helper.js', () => {
  it('is executable and runs a command by itself', async () => {
    expect(() => accessSync('bin/iam-mcp-helper.js', constants.X_OK)).not.toThrow();
    const { stdout } = await run('./bin/iam-mcp-helper.js', ['--version'], { timeout: 30_000 });
    const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(stdout.trim()).toBe(pkg.version);
    const help = await run('./bin/iam-mcp-helper.js', ['doctor', '--help'], { timeout: 30_000 });
    expect(help.stdout).toMatch(/doctor/);
  });
});
