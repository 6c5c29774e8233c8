/** `npm run demo-iam` (dist/test/iam/demo.js, built by `npm run build` before the tests). */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';

const DEMO = 'dist/test/iam/demo.js';

/** The non-admin user as test/iam/README.md documents it ("Seed data"): `alice / <password>`. */
function documentedOtherUser(): string {
  const m = /`alice` \/ `([^`]+)`/.exec(readFileSync('test/iam/README.md', 'utf8'));
  return `alice / ${m?.[1] ?? '(not documented)'}`;
}

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

function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

describe('demo-iam', () => {
  beforeAll(() => {
    if (!existsSync(DEMO)) throw new Error(`${DEMO} is missing: run \`npm run build\` first`);
  });

  it.each(['casdoor', 'hanzo-v1'])('prints Key: value lines for %s, serves, and stops on SIGINT', async (profile) => {
    const demo = runDemo(['--profile', profile, '--fault', 'slow=1', '--fault', 'dcr=on']);
    try {
      const info = await demo.ready();
      expect(info).toMatchObject({ Profile: profile, 'Client ID': 'claude-desktop-mcp', User: 'admin / 123', Faults: 'slow=1, dcr=on' });
      expect(info['Redirect URIs']).toBe('http://127.0.0.1:*/callback, http://localhost:*/callback');
      expect(info['Other user']).toBe(documentedOtherUser());
      const doc = await (await fetch(`${info.Issuer}/.well-known/openid-configuration`)).json() as { issuer: string };
      expect(doc.issuer).toBe(info.Issuer);
      expect(info['MCP URL']).toBe(`${info.Issuer}${profile === 'casdoor' ? '/api/mcp' : '/mcp'}`);
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await demo.exited).toBe(0);
  });

  it('spec profile on a given port with tls: prints its CA file, stops on SIGTERM and removes the file', async () => {
    // A port picked free can be taken before the demo binds it: retry then, on EADDRINUSE only.
    let port = 0;
    let demo: ReturnType<typeof runDemo> | undefined;
    let info: Record<string, string> = {};
    for (let attempt = 0; attempt < 3 && !demo; attempt++) {
      port = await freePort();
      const started = runDemo(['--profile', 'spec', '--port', String(port), '--fault', 'tls']);
      try {
        info = await started.ready();
        demo = started;
      } catch (error) {
        started.child.kill('SIGKILL');
        if (!/EADDRINUSE/.test(started.stderr())) throw error;
      }
    }
    if (!demo) throw new Error('no free port for the demo after 3 attempts');
    let caFile = '';
    try {
      expect(info).toMatchObject({ Profile: 'spec', 'MCP URL': `https://127.0.0.1:${port}/mcp`, User: 'admin / 123' });
      expect(info['Other user']).toBe(documentedOtherUser());
      caFile = info['CA file'] ?? '';
      expect(readFileSync(caFile, 'utf8')).toMatch(/BEGIN CERTIFICATE/);
    } finally {
      demo.child.kill('SIGTERM');
    }
    expect(await demo.exited).toBe(0);
    expect(existsSync(caFile)).toBe(false);
  });

  it('refuses an unknown fault with exit code 2', async () => {
    const demo = runDemo(['--fault', 'bogus']);
    expect(await demo.exited).toBe(2);
    expect(demo.stderr()).toMatch(/unknown fault "bogus"/);
  });
});
