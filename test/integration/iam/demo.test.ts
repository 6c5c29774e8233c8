/** `npm run demo-iam` (dist/test/iam/demo.js, built by `npm run build` before the tests). */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DEMO = 'dist/test/iam/demo.js';

function runDemo(args: string[]) {
  const child = spawn(process.execPath, [DEMO, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = async () => {
    const deadline = Date.now() + 10_000;
    while (!/^Redirect URIs: .*\n[\s\S]*Faults: .*\n/m.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`demo did not start: ${out} ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
  };
  return { child, ready, exited, stderr: () => err };
}

describe.skipIf(!existsSync(DEMO))('demo-iam', () => {
  it.each(['casdoor', 'hanzo-v1'])('prints Key: value lines for %s, serves, and stops on SIGINT', async (profile) => {
    const demo = runDemo(['--profile', profile, '--fault', 'slow=1', '--fault', 'dcr=on']);
    try {
      const info = await demo.ready();
      expect(info).toMatchObject({ Profile: profile, 'Client ID': 'claude-desktop-mcp', User: 'admin / 123', Faults: 'slow=1, dcr=on' });
      expect(info['Redirect URIs']).toBe('http://127.0.0.1:*/callback, http://localhost:*/callback');
      const doc = await (await fetch(`${info.Issuer}/.well-known/openid-configuration`)).json() as { issuer: string };
      expect(doc.issuer).toBe(info.Issuer);
      expect(info['MCP URL']).toBe(`${info.Issuer}${profile === 'casdoor' ? '/api/mcp' : '/mcp'}`);
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await demo.exited).toBe(0);
  });

  it('refuses an unknown fault with exit code 2', async () => {
    const demo = runDemo(['--fault', 'bogus']);
    expect(await demo.exited).toBe(2);
    expect(demo.stderr()).toMatch(/unknown fault "bogus"/);
  });
});
