/**
 * A bridge run that hits its time limit ends with a complete result and exit 1, even when the
 * bridge leaves a killed process its parent has not reaped yet (a zombie still answers
 * `kill(-pgid, 0)`): the cleanup's wait must keep the process alive, never let the event loop
 * empty under an unsettled await (Node's exit 13, empty stdout). The built binary, a real fake
 * bridge (python3) that never answers MCP, and a zombie left in its process group.
 * Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const BIN = path.resolve('bin/iam-mcp-helper.js');
// The leader says it started (as a bridge does on stderr), reads stdin until EOF and never answers. A helper forks a child (left in the
// leader's process group), then moves itself to its own group and never reaps that child:
// once the group is killed, the child stays a zombie in it until the helper exits.
const FAKE_BRIDGE = `
import os, sys, time
pid_file = sys.argv[1]
if os.fork() == 0:
    fd = os.open(os.devnull, os.O_RDWR)
    for n in (0, 1, 2): os.dup2(fd, n)
    if os.fork() == 0:
        time.sleep(60); os._exit(0)
    os.setpgid(0, 0)
    open(pid_file, 'w').write(str(os.getpid()))
    time.sleep(20); os._exit(0)
sys.stderr.write('fake bridge started\\n'); sys.stderr.flush()
sys.stdin.read()
`;

let dir: string | undefined;
afterEach(async () => {
  if (!dir) return;
  const helper = await readFile(path.join(dir, 'helper.pid'), 'utf8').catch(() => '');
  if (helper) { try { process.kill(Number(helper), 'SIGKILL'); } catch { /* gone */ } }
  await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

it('verify --via-bridge past its limit prints a complete JSON result and exits 1 (never 13)', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-limit-'));
  const script = path.join(dir, 'fake-bridge.py');
  await writeFile(script, FAKE_BRIDGE);
  const config = path.join(dir, 'claude_desktop_config.json');
  await writeFile(config, JSON.stringify({ mcpServers: { iam: { command: 'python3', args: [script, path.join(dir, 'helper.pid')] } } }));
  const child = spawn(process.execPath, [BIN, 'verify', '--via-bridge', '--config', config, '--timeout', '1500', '--json'],
    { env: { PATH: process.env.PATH ?? '', HOME: dir, SHELL: '/bin/sh' }, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (c) => { clearTimeout(kill); resolve(c); });
  });
  expect(err).not.toMatch(/unsettled top-level await/);
  expect(code).toBe(1);
  const report = JSON.parse(out) as { steps: { id: string; status: string }[] };
  expect(report.steps.find((s) => s.id === 'mcp.initialize')?.status).toBe('fail');
  expect(report.steps.some((s) => s.id === 'bridge.cleanup')).toBe(true);
}, 60_000);
