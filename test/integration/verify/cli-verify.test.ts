import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index.js';
import type { CliIo } from '../../../main/cli/command.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: process.cwd(), platform: 'linux', homedir: '/nonexistent',
    signal: new AbortController().signal,
  };
  return { io: value, out, err };
}

async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('iam-mcp-helper verify (CLI)', () => {
  it.each([
    [['verify'], /missing --url/],
    [['verify', '--url', 'ftp://x/mcp'], /http\(s\) URL/],
    [['verify', '--url', 'http://x/mcp', '--headless', '--browser-command', 'x'], /exclude each other/],
    [['verify', '--url', 'http://x/mcp', '--args', '{}'], /--args needs --call/],
    [['verify', '--url', 'http://x/mcp', '--call', 't', '--args', '[1]'], /JSON object/],
    [['verify', '--url', 'http://x/mcp', '--callback-port', '70000'], /between 0 and 65535/],
    [['verify', '--url', 'http://x/mcp', '--ca', '/nonexistent/ca.pem'], /cannot read/],
  ])('bad usage %j exits 2', async (argv, message) => {
    const t = io();
    expect(await main(argv, t.io)).toBe(2);
    expect(t.err.join('')).toMatch(message);
  });

  it('a dead endpoint fails fast with exit 1, the probe failing and the rest skipped', async () => {
    const port = await deadPort();
    const t = io();
    const started = Date.now();
    const code = await main(['verify', '--url', `http://127.0.0.1:${port}/api/mcp`, '--client-id', 'x', '--headless', '--timeout', '3000', '--json'], t.io);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    const result = JSON.parse(t.out.join('')) as { version: number; steps: { id: string; status: string; cause?: string }[] };
    expect(result.version).toBe(1);
    expect(result.steps[0]).toMatchObject({ id: 'mcp.probe', status: 'fail' });
    expect(result.steps[0]?.cause).toMatch(/ECONNREFUSED/);
    expect(result.steps.filter((s) => s.id !== 'mcp.probe').every((s) => s.status === 'skip')).toBe(true);
  });

  it('human output prints one line per step', async () => {
    const port = await deadPort();
    const t = io();
    expect(await main(['verify', '--url', `http://127.0.0.1:${port}/mcp`, '--headless', '--timeout', '1000'], t.io)).toBe(1);
    const text = t.out.join('');
    expect(text).toMatch(/^✖ mcp\.probe/m);
    expect(text).toMatch(/^- token\.exchange/m);
    expect(text).toMatch(/step\(s\) failed/);
  });
});
