import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandBrowser } from '../../../main/core/verify/browser.js';

const platform = process.platform;

/** Running (not a zombie awaiting its reaper): /proc/<pid>/stat state other than Z. */
async function running(pid: number): Promise<boolean> {
  try { return !/^\d+ \(.*\) Z/.test(await fs.readFile(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}
const env = process.env;

describe('commandBrowser (over runBrowserCommand)', () => {
  it('hands the URL over as one argument, intact, and resolves on exit 0', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'command-browser-'));
    const file = path.join(dir, 'url.txt');
    const url = "http://127.0.0.1:1/authorize?a=1&b='2' $HOME";
    const open = commandBrowser(`node -e "require('fs').writeFileSync(process.argv[1], process.argv[2])" ${file}`, { env, platform });
    await open(url, new AbortController().signal);
    expect(await fs.readFile(file, 'utf8')).toBe(url);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('rejects with the exit code and the output tail', async () => {
    const open = commandBrowser('echo one; echo two >&2; exit 3; :', { env, platform });
    await expect(open('http://x/', new AbortController().signal)).rejects.toThrow(/exited with 3: .*two/);
  });

  it('is bounded: a command that never ends is killed at timeoutMs, with its process group', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'command-browser-'));
    const pidFile = path.join(dir, 'pid');
    const open = commandBrowser(`sleep 30 & echo $! > ${pidFile}; wait; :`, { env, platform, timeoutMs: 500 });
    const started = Date.now();
    await expect(open('http://x/', new AbortController().signal)).rejects.toThrow(/did not finish within 500 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    const pid = Number(await fs.readFile(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(await running(pid)).toBe(false);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
