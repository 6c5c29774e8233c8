/**
 * The real bridge against the spec profile: mcp-remote@0.15.1 opens the authorization URL with
 * `npm run --silent iam-login --` as its browser (BROWSER, see docs/architecture.md, Toolchain facts), its
 * callback listener receives the code, and a tools/call goes through with the issued token.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSpecServer } from '../iam/spec/server.js';
import type { EmulatorHandle } from '../iam/types.js';
import { requireChromium } from '../helpers/chromium.js';

beforeAll(requireChromium);

let h: EmulatorHandle;
let dir: string;
beforeAll(async () => {
  h = await startSpecServer({ profile: 'spec' });
  dir = await mkdtemp(join(tmpdir(), 'mcp-remote-spec-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

it('completes the OAuth flow through iam-login and calls get_applications', async () => {
  const browser = join(dir, 'browser.sh');
  await writeFile(browser, `#!/bin/sh\ncd '${process.cwd()}' && exec npm run --silent iam-login -- "$1" >>'${join(dir, 'browser.log')}' 2>&1\n`);
  await chmod(browser, 0o755);
  const child = spawn(process.execPath, [
    'node_modules/mcp-remote/dist/proxy.js', h.mcpUrl, '--host', '127.0.0.1', '--callback-path', '/callback', '--allow-http',
    '--static-oauth-client-info', JSON.stringify({ client_id: h.clientId }),
    '--static-oauth-client-metadata', JSON.stringify({ scope: 'openid offline_access application:read application:write' }),
  ], { env: { ...process.env, BROWSER: browser, MCP_REMOTE_CONFIG_DIR: join(dir, 'mcp-auth') }, stdio: ['pipe', 'pipe', 'pipe'] });
  const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
  const replies: { id?: number; result?: { content?: { text: string }[] } }[] = [];
  let buffered = '';
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no tools/call reply; got ${JSON.stringify(replies)}`)), 45_000);
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const reply = JSON.parse(buffered.slice(0, nl)) as (typeof replies)[number];
        buffered = buffered.slice(nl + 1);
        replies.push(reply);
        if (reply.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_applications', arguments: { owner: 'built-in' } } });
        }
        if (reply.id === 2) { clearTimeout(timer); resolve(); }
      }
    });
  });
  try {
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } });
    await done;
    const text = replies.find((r) => r.id === 2)?.result?.content?.[0]?.text ?? '';
    expect(text).toContain('"claude-desktop-mcp"');
  } finally {
    child.kill();
  }
}, 60_000);
