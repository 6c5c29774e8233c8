/**
 * The CLI over real things: `routes` for the loopback emulator (connector ruled out with the
 * reason, a local route recommended), `bridge-cache clear` removing only this server's files in a
 * temp HOME, and bridge.callback-port + `bridge-stop` against a real process holding the port.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index.js';
import type { CliIo } from '../../../main/cli/command.js';
import { serverUrlHash } from '../../../main/core/mcp-remote-facts.js';
import { bridgePortCheck } from '../../../main/core/diagnostics/checks/bridge-port.js';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import { readBridgeEntry } from '../../../main/core/diagnostics/entry.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import type { RouteTable } from '../../../main/core/routes/route-table.js';
import { startEmulator, type EmulatorHandle } from '../../iam/index.js';

let em: EmulatorHandle;
let dir: string;
beforeAll(async () => {
  em = await startEmulator({ profile: 'casdoor' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'routes-cli-'));
});
afterAll(async () => { await em?.close(); await rm(dir, { recursive: true, force: true }); });

function io(out: string[], home = path.join(dir, 'home')): CliIo {
  return { stdout: (t) => { out.push(t); }, stderr: () => undefined, env: { ...process.env, HOME: home }, cwd: dir, platform: process.platform, homedir: home, signal: new AbortController().signal };
}

describe('routes', () => {
  it('a loopback IAM: the connector is ruled out with the reason, the bundle is recommended', async () => {
    const out: string[] = [];
    const code = await main(['routes', '--url', em.mcpUrl, '--client-id', em.clientId, '--json'], io(out));
    const t = JSON.parse(out.join('')) as RouteTable;
    expect(code).toBe(0);
    expect(t.routes[0]).toMatchObject({ route: 'connector', works: 'no', decidedBy: 'connector.public-host' });
    expect(t.routes[0]!.reason).toMatch(/127\.0\.0\.1 is loopback .*not reachable from Anthropic's cloud/);
    expect(t.routes[1]).toMatchObject({ route: 'bundle', works: 'yes' });
    expect(t.recommended).toBe('bundle');
    const text: string[] = [];
    await main(['routes', '--url', em.mcpUrl, '--client-id', em.clientId], io(text));
    expect(text.join('')).toMatch(/connector {2}no .*\n.*why: The address 127\.0\.0\.1 is loopback/);
    expect(text.join('')).toMatch(/Recommended: bundle: /);
  }, 60_000);
});

describe('bridge-cache clear', () => {
  it('removes only this server\'s files and names an older version\'s folder', async () => {
    const home = path.join(dir, 'cache-home');
    const store = path.join(home, '.mcp-auth', 'mcp-remote-v1');
    const old = path.join(home, '.mcp-auth', 'mcp-remote-0.1.18');
    await mkdir(store, { recursive: true }); await mkdir(old, { recursive: true });
    const mine = serverUrlHash(em.mcpUrl); const other = serverUrlHash('https://other.example.com/mcp');
    for (const f of [`${mine}_tokens.json`, `${mine}_client_info.json`, `${mine}_code_verifier_abc.txt`, `${other}_tokens.json`]) await writeFile(path.join(store, f), '{}');
    await writeFile(path.join(old, `${mine}_tokens.json`), '{}');
    const dry: string[] = [];
    expect(await main(['bridge-cache', 'clear', '--url', em.mcpUrl, '--dry-run'], io(dry, home))).toBe(0);
    expect(dry.join('')).toContain('would remove');
    expect((await readdir(store)).length).toBe(4);
    const out: string[] = [];
    expect(await main(['bridge-cache', 'clear', '--url', em.mcpUrl, '--json'], io(out, home))).toBe(0);
    const r = JSON.parse(out.join('')) as { removed: string[]; otherFiles: number; oldStores: { dir: string; thisServer: string[] }[] };
    expect(r.removed.map((f) => path.basename(f)).sort()).toEqual([`${mine}_client_info.json`, `${mine}_code_verifier_abc.txt`, `${mine}_tokens.json`]);
    expect(await readdir(store)).toEqual([`${other}_tokens.json`]);
    expect(r.otherFiles).toBe(1);
    expect(r.oldStores).toEqual([{ dir: old, files: 1, thisServer: [path.join(old, `${mine}_tokens.json`)] }]);
    expect(await readdir(old)).toEqual([`${mine}_tokens.json`]);
  });
});

describe('bridge.callback-port and bridge-stop against real processes', () => {
  const port = 20000 + (process.pid % 9000);
  const entry = () => readBridgeEntry(buildIamEntry({ mcpUrl: em.mcpUrl, clientId: em.clientId, platform: 'linux', callbackPort: port }).entry, 'linux')!;
  const check = () => bridgePortCheck.run({ deps: nodeDeps({ env: {}, platform: process.platform, homedir: dir }), options: { target: { name: 'iam', mcpUrl: em.mcpUrl, entry: entry() } },
    timeoutMs: 5000, secrets: [], memo: (_k, m) => m(), result: () => undefined }, new AbortController().signal);

  it.runIf(process.platform === 'linux')('names a foreign holder, then an mcp-remote holder by pid and command line, and stops only it', async () => {
    expect((await check()).status).toBe('pass');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const foreign = await check();
      expect(foreign.status).toBe('fail');
      expect(foreign.cause).toContain(`pid ${process.pid}`);
      expect(foreign.evidence.suggestedPort).not.toBe(port);
    } finally { await new Promise((r) => server.close(r)); }

    // A process whose command line says mcp-remote holds the port (as a leftover bridge would).
    const script = `require('net').createServer().listen(${port}, '127.0.0.1'); setTimeout(() => {}, 60000);`;
    const child = spawn(process.execPath, ['-e', script, 'mcp-remote', em.mcpUrl, String(port)], { stdio: 'ignore' });
    try {
      let held;
      for (let i = 0; i < 50; i++) { held = await check(); if (held.status !== 'pass') break; await new Promise((r) => setTimeout(r, 100)); }
      expect(held!.status).toBe('warn'); // its parent (this test) still runs
      expect(held!.fixAction).toMatchObject({ action: 'bridge.stop-stale' });
      expect(held!.cause).toContain(`pid ${child.pid}`);
      expect(held!.cause).toContain(`mcp-remote ${em.mcpUrl} ${port}`);
      const wrongPid: string[] = [];
      expect(await main(['bridge-stop', '--port', String(port), '--pid', String(process.pid), '--yes', '--json'], io(wrongPid))).toBe(1);
      expect(JSON.parse(wrongPid.join(''))).toMatchObject({ outcome: 'changed', pid: child.pid });
      const out: string[] = [];
      const exited = new Promise((r) => child.once('exit', r));
      expect(await main(['bridge-stop', '--port', String(port), '--pid', String(child.pid), '--yes', '--json'], io(out))).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ outcome: 'stopped', pid: child.pid });
      await exited;
    } finally { child.kill(); }
  }, 30_000);
});
