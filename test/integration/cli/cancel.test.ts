/**
 * Ctrl-C (SIGINT, as a terminal sends it) ends `doctor`, `verify` and `verify --via-bridge` as
 * Cancelled: exit 130, `cancelled: true` in the JSON, "Cancelled" (never "passed") in text, no
 * check or step failed by the cancel, and the children the run started (browser command, bridge)
 * gone. The built binary (`npm run build`), real signals, the IAM emulator and a black-hole TCP
 * server on 127.0.0.1.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../iam/index.js';

const BIN = path.resolve('bin/iam-mcp-helper.js');
let dir = '';
let em: EmulatorHandle;
const sockets: net.Socket[] = [];
let onConnection: (() => void) | undefined;
let blackHole: net.Server;
let blackHolePort = 0;

beforeAll(async () => {
  em = await startEmulator({ profile: 'casdoor' });
  blackHole = net.createServer((s) => { sockets.push(s); onConnection?.(); });
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
  blackHolePort = (blackHole.address() as net.AddressInfo).port;
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((r) => blackHole.close(r));
  await em.close();
});
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = ''; });

interface Run { code: number | null; out: string; err: string }

/** Starts the CLI; sends SIGINT once stderr matches `ready` (or the promise resolves); resolves when it exits. */
async function interrupted(args: string[], ready: RegExp | Promise<void>): Promise<Run> {
  dir = dir || await mkdtemp(path.join(os.tmpdir(), 'cancel-'));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, ...args],
    { env: { PATH: process.env.PATH ?? '', HOME: dir, SHELL: '/bin/sh' }, cwd: dir });
  let out = '';
  let err = '';
  let sent = false;
  const interrupt = () => { if (!sent) { sent = true; setTimeout(() => child.kill('SIGINT'), 300); } };
  if (!(ready instanceof RegExp)) void ready.then(interrupt);
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (ready instanceof RegExp && ready.test(err)) interrupt();
  });
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (c) => { clearTimeout(kill); resolve(c); });
  });
  return { code, out, err };
}

/** Waits (bounded) for the process group `pid` leads to be gone; true when it is. */
async function groupGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try { process.kill(-pid, 0); } catch { return true; }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A browser command that records its process group and never finishes the sign-in. */
const stuckBrowser = (pidFile: string) => `echo $$ > ${pidFile}; exec sleep 60 #`;

describe('Ctrl-C', () => {
  it('doctor against a host that never answers: exit 130, cancelled: true, checks in flight skipped (reason cancelled), none failed', async () => {
    // --json prints no progress: interrupt once the checks' requests reach the black hole.
    const reached = new Promise<void>((resolve) => { onConnection = resolve; });
    const run = await interrupted(['doctor', '--url', `http://127.0.0.1:${blackHolePort}/api/mcp`, '--client-id', 'x', '--timeout', '20000', '--json'], reached);
    expect(run.code).toBe(130);
    const report = JSON.parse(run.out) as { cancelled?: boolean; checks: { id: string; status: string; evidence: { reason?: string } }[] };
    expect(report.cancelled).toBe(true);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'net.http-scheme')).toMatchObject({ status: 'skip', evidence: { reason: 'cancelled' } });
  }, 60_000);

  it('verify while it waits for the sign-in: text says Cancelled (not passed), exit 130, the browser command is killed', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cancel-'));
    const pidFile = path.join(dir, 'browser.pid');
    const run = await interrupted(['verify', '--url', em.mcpUrl, '--client-id', em.clientId, '--callback-port', '0', '--browser-command', stuckBrowser(pidFile)], /Waiting for the sign-in/);
    expect(run.code).toBe(130);
    expect(run.out).toMatch(/^Cancelled/m);
    expect(run.out).not.toMatch(/passed/i);
    expect(run.out).not.toMatch(/^✖/m);
    expect(await groupGone(Number(await readFile(pidFile, 'utf8')))).toBe(true);
  }, 60_000);

  it('verify --json while it waits for the sign-in: one JSON document with cancelled: true, exit 130', async () => {
    const run = await interrupted(['verify', '--url', em.mcpUrl, '--client-id', em.clientId, '--callback-port', '0', '--browser-command', 'sleep 60 #', '--json'], /Waiting for the sign-in/);
    expect(run.code).toBe(130);
    const result = JSON.parse(run.out) as { cancelled?: boolean; steps: { status: string }[] };
    expect(result.cancelled).toBe(true);
    expect(result.steps.some((s) => s.status === 'fail')).toBe(false);
  }, 60_000);

  it('verify --via-bridge: exit 130, cancelled: true, no step failed, the bridge\'s process group is gone', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cancel-'));
    // A bridge that records its pid and never answers MCP.
    const script = path.join(dir, 'bridge.py');
    await writeFile(script, 'import os, sys\nopen(sys.argv[1], "w").write(str(os.getpid()))\nsys.stdin.read()\n');
    const config = path.join(dir, 'claude_desktop_config.json');
    const pidFile = path.join(dir, 'bridge.pid');
    await writeFile(config, JSON.stringify({ mcpServers: { iam: { command: 'python3', args: [script, pidFile] } } }));
    const run = await interrupted(['verify', '--via-bridge', '--config', config, '--json'], /bridge\.spawn/);
    expect(run.code).toBe(130);
    const report = JSON.parse(run.out) as { cancelled?: boolean; steps: { id: string; status: string }[] };
    expect(report.cancelled).toBe(true);
    expect(report.steps.filter((s) => s.status === 'fail').map((s) => s.id)).toEqual([]);
    expect(report.steps.find((s) => s.id === 'bridge.cleanup')?.status).toBe('pass');
    expect(await groupGone(Number(await readFile(pidFile, 'utf8')))).toBe(true);
  }, 60_000);
});
