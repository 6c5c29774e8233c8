/**
 * Each failure Claude Desktop users hit is named correctly by a real bridge run, and the
 * bridge's process tree is gone afterwards.
 */
import os from 'node:os';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBridgeVerify } from '../../../main/core/mcp/bridge-run.js';
import { GUIDE_BRIDGE_PACKAGE } from '../../../main/core/mcp-remote-facts.js';
import type { EmulatorHandle } from '../../iam/index.js';
import { LOGIN_COMMAND, PROJECT, bridgePid, groupAlive, processesMentioning, sandbox, setupEntry, startProfile, step, type Sandbox } from './helpers.js';
import { requireChromium } from '../../helpers/chromium.js';

beforeAll(requireChromium);

let em: EmulatorHandle | undefined;
let sb: Sandbox | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await em?.close();
  await sb?.cleanup();
  em = undefined;
  sb = undefined;
});

const listen = (server: Server | ReturnType<typeof createNetServer>) => new Promise<number>((resolve) => {
  server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
});
const close = (server: { close: (cb: () => void) => void }) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('bridge failures', () => {
  it('the guide\'s entry fails with "package does not exist" (npm 404 from a registry on 127.0.0.1)', async () => {
    // Answers every package document the way registry.npmjs.org answers an unknown package.
    const requests: string[] = [];
    const registry = createHttpServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    });
    const port = await listen(registry);
    closers.push(() => close(registry));
    sb = await sandbox(`registry=http://127.0.0.1:${port}/\nfetch-retries=0\n`);
    const entry = {
      command: 'npx', args: ['-y', GUIDE_BRIDGE_PACKAGE, 'https://your-iam.com/api/mcp'],
      env: { OAUTH_CLIENT_ID: 'your-client-id', OAUTH_SCOPES: 'read:application write:application openid profile email' },
    };
    const report = await runBridgeVerify({ entry, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(), cwd: sb.dir, timeoutMs: 60_000 });
    const finding = step(report, 'config.bridge-package');
    expect(finding?.status).toBe('fail');
    expect(finding?.evidence.package).toBe(GUIDE_BRIDGE_PACKAGE);
    expect(finding?.cause).toMatch(/does not exist on the npm registry/);
    expect(step(report, 'mcp.initialize')?.status).toBe('fail');
    expect(requests.some((url) => url.includes('server-oauth'))).toBe(true);
    expect(groupAlive(bridgePid(report))).toBe(false);
  }, 90_000);

  it('hanzo-v1 refuses mcp-remote\'s default localhost/oauth/callback: redirect.loopback names both URIs', async () => {
    sb = await sandbox();
    em = await startProfile('hanzo-v1', { redirectList: ['http://127.0.0.1:1/callback'] });
    const written = await setupEntry(sb, em);
    // The entry without --host/--callback-path: mcp-remote's defaults.
    const args = written.args.filter((a, i, all) => !['--host', '--callback-path'].includes(a) && !['--host', '--callback-path'].includes(all[i - 1] ?? ''));
    const port = Number(args[3]);
    const report = await runBridgeVerify({ entry: { command: written.command, args }, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(),
      cwd: PROJECT, browserCommand: LOGIN_COMMAND, timeoutMs: 60_000 });
    const finding = step(report, 'redirect.loopback');
    expect(finding?.status, JSON.stringify(report.steps, null, 1)).toBe('fail');
    expect(finding?.evidence.redirectUri).toBe(`http://localhost:${port}/oauth/callback`);
    expect(finding?.evidence.registerable).toBe(`http://127.0.0.1:${port}/callback`);
    expect(finding?.cause).toContain(`http://localhost:${port}/oauth/callback`);
    expect(finding?.fix).toContain(`http://127.0.0.1:${port}/callback`);
    expect(step(report, 'mcp.initialize')?.status).toBe('fail');
    expect(report.durationMs).toBeLessThan(30_000);
    expect(groupAlive(bridgePid(report))).toBe(false);
    expect(processesMentioning(em.mcpUrl)).toEqual([]);
  }, 90_000);

  it('a client id the server does not know gives oauth.client, before any login', async () => {
    sb = await sandbox();
    em = await startProfile('hanzo-v1');
    const written = await setupEntry(sb, em);
    const args = written.args.map((a) => a.replace(`"client_id":"${em!.clientId}"`, '"client_id":"no-such-client"'));
    expect(args.join(' ')).toContain('no-such-client');
    const report = await runBridgeVerify({ entry: { command: written.command, args }, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(),
      cwd: PROJECT, browserCommand: LOGIN_COMMAND, timeoutMs: 60_000 });
    expect(step(report, 'oauth.client')?.status, JSON.stringify(report.steps, null, 1)).toBe('fail');
    expect(step(report, 'redirect.loopback')).toBeUndefined();
    expect(step(report, 'bridge.login')?.cause).toMatch(/refused the request \(400/);
    expect(groupAlive(bridgePid(report))).toBe(false);
  }, 90_000);

  it('a callback port held by another process gives the EADDRINUSE finding', async () => {
    sb = await sandbox();
    em = await startProfile('hanzo-v1');
    const entry = await setupEntry(sb, em);
    const port = Number(entry.args[3]);
    // Another process's listener on the port (not an mcp-remote): it drops every connection.
    const holder = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => { holder.once('error', reject); holder.listen(port, '127.0.0.1', () => resolve()); });
    closers.push(() => close(holder));
    const report = await runBridgeVerify({ entry, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(), cwd: PROJECT,
      browserCommand: LOGIN_COMMAND, timeoutMs: 60_000 });
    const finding = step(report, 'bridge.callback-port');
    expect(finding?.status, JSON.stringify(report.steps, null, 1)).toBe('fail');
    expect(finding?.evidence.port).toBe(port);
    expect(finding?.cause).toMatch(/EADDRINUSE.*Claude Desktop is probably running this bridge/);
    expect(groupAlive(bridgePid(report))).toBe(false);
    expect(processesMentioning(em.mcpUrl)).toEqual([]);
  }, 90_000);

  it('a hard time limit stops a bridge waiting for a login nobody completes, and kills its tree', async () => {
    sb = await sandbox();
    em = await startProfile('hanzo-v1');
    const entry = await setupEntry(sb, em);
    // A browser command that never logs in; the run must end at the limit, not the command's.
    const report = await runBridgeVerify({ entry, platform: process.platform, env: { ...process.env, HOME: sb.home }, homedir: sb.home, tmpdir: os.tmpdir(), cwd: PROJECT,
      browserCommand: 'sleep 600; true', timeoutMs: 8_000 });
    expect(step(report, 'bridge.timeout')?.status).toBe('fail');
    expect(step(report, 'bridge.timeout')?.evidence.stuckAt).toBe('mcp.initialize');
    expect(report.durationMs).toBeLessThan(20_000);
    expect(groupAlive(bridgePid(report))).toBe(false);
    expect(processesMentioning('sleep 600')).toEqual([]);
  }, 60_000);

  it('cancelling mid-login (Ctrl-C) ends the run and kills the bridge, the browser command and its Chromium', async () => {
    sb = await sandbox();
    em = await startProfile('hanzo-v1');
    const entry = await setupEntry(sb, em);
    // Chromium's profile dir is a mkdtemp under TMPDIR: under the sandbox, so its processes are findable.
    const tmp = path.join(sb.dir, 'tmp');
    await mkdir(tmp);
    const cancel = new AbortController();
    let loginStarted = 0;
    let chromiumBefore = 0;
    const report = await runBridgeVerify({ entry, platform: process.platform, env: { ...process.env, HOME: sb.home, TMPDIR: tmp }, homedir: sb.home, tmpdir: os.tmpdir(), cwd: PROJECT,
      browserCommand: LOGIN_COMMAND, timeoutMs: 60_000, signal: cancel.signal,
      onProgress: (event) => {
        if (event.id !== 'bridge.login' || event.phase !== 'start' || loginStarted) return;
        loginStarted = Date.now();
        em?.setFaults({ slow: 20_000 }); // the login page now hangs: Chromium is mid-login
        // Cancel once the browser command's Chromium is up (how long it takes to start depends on the machine's load).
        const poll = setInterval(() => {
          chromiumBefore = processesMentioning(tmp).length;
          if (chromiumBefore > 0 || Date.now() - loginStarted > 40_000) { clearInterval(poll); cancel.abort(); }
        }, 200);
      } });
    expect(loginStarted).toBeGreaterThan(0);
    // Cut short by the cancel: not a failure of the bridge.
    expect(report.cancelled).toBe(true);
    expect(step(report, 'mcp.initialize')).toMatchObject({ status: 'skip', evidence: { reason: 'cancelled' } });
    expect(String(step(report, 'mcp.initialize')?.evidence.error)).toContain('cancelled');
    const login = step(report, 'bridge.login')?.evidence as { browserCommand: { processGroupGone: boolean } };
    expect(login.browserCommand.processGroupGone).toBe(true);
    expect(groupAlive(bridgePid(report))).toBe(false);
    expect(chromiumBefore).toBeGreaterThan(0);
    // The group was killed; under load its processes may take a moment to be reaped.
    await expect.poll(() => processesMentioning(tmp), { timeout: 10_000, interval: 200 }).toEqual([]);
    expect(processesMentioning(em.mcpUrl)).toEqual([]);
  }, 90_000);
});
