/**
 * `npm start` where the Electron binary is missing: one line naming Electron, then the same app in
 * the browser (the link handed to $BROWSER), and Ctrl-C stops it.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupAlive, portRefuses } from '../../helpers/ui-process.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('npm start without the Electron binary', () => {
  it('says why in one line, serves the app on 127.0.0.1 and hands the link to the browser opener', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'start-fallback-'));
    const opened = path.join(dir, 'opened');
    const browser = path.join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\necho "$@" >> '${opened}'\n`);
    chmodSync(browser, 0o755);
    writeFileSync(path.join(dir, 'c.json'), '{"mcpServers":{}}');
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.js'), '--config', path.join(dir, 'c.json')], {
      env: { ...process.env, HOME: path.join(dir, 'home'), BROWSER: browser, ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron') },
      detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await expect.poll(() => /UI: http:\/\/127\.0\.0\.1:\d+\//.test(out), { timeout: 30_000 }).toBe(true);
      const url = /UI: (\S+)/.exec(out)?.[1] ?? '';
      expect(out.split('\n').filter((l) => /electron/i.test(l))).toHaveLength(1);
      await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8').trim(), { timeout: 10_000 }).toBe(url);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      process.kill(-(child.pid as number), 'SIGINT');
      expect(await exited).toBe(0);
      expect(groupAlive(child.pid as number)).toBe(false);
      expect(await portRefuses(Number(new URL(url).port))).toBe(true);
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
