/**
 * `doctor` prints each check once: in a terminal the progress is one line drawn in place and
 * erased before the report; without a terminal only the report is printed. The built binary
 * (`npm run build`), run under a pseudo-terminal by util-linux `script` for the terminal case.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const BIN = path.resolve('bin/iam-mcp-helper.js');
let home = '';
afterEach(async () => { if (home) await rm(home, { recursive: true, force: true }); });

function run(file: string, args: string[]): Promise<string> {
  const child = spawn(file, args, { env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let all = '';
  child.stdout.on('data', (d: Buffer) => { all += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { all += d.toString(); });
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', () => { clearTimeout(kill); resolve(all); });
  });
}

/** How many lines print each check as `  <mark> <id>` (lines split at \n and at \r). */
function printed(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split(/\r\n|\r|\n/)) {
    const id = /^\s+[✔!✖–-] ([a-z]+\.[a-z0-9-]+)/.exec(line)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const doctorArgs = ['doctor', '--offline', '--url', 'http://127.0.0.1:9/api/mcp', '--client-id', 'x'];

it('without a terminal: each check once (the report only)', async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'doctor-progress-'));
  const counts = printed(await run(process.execPath, [BIN, ...doctorArgs]));
  expect(counts.get('net.dns')).toBe(1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}, 40_000);

it('in a terminal: progress drawn in place, each check once in what remains', async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'doctor-progress-'));
  const command = [process.execPath, BIN, ...doctorArgs].map((a) => `'${a}'`).join(' ');
  const output = await run('script', ['-qec', command, '/dev/null']);
  expect(output).toContain('\x1b[2K');
  const counts = printed(output);
  expect(counts.get('net.dns')).toBe(1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}, 40_000);
