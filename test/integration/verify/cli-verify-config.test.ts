/**
 * `verify --config <path> [--name]` verifies the entry as written, as the doctor reads it: the
 * URL, client id, scopes and callback port/path `setup` put there, without --url.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../../main/cli/index.js';
import type { CliIo } from '../../../main/cli/command.js';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle } from '../../iam/types.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => { await emulator?.close(); emulator = undefined; });

function io(home: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { HOME: home }, cwd: home, platform: 'linux', homedir: home, signal: new AbortController().signal };
  return { io: value, out, err };
}

it('uses the entry\'s URL, client id, scopes and callback, with no --url', async () => {
  emulator = await startEmulator({ profile: 'casdoor' });
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'verify-config-'));
  const config = path.join(home, 'claude.json');
  const setup = io(home);
  expect(await main(['setup', '--url', emulator.mcpUrl, '--client-id', emulator.clientId, '--scopes', 'openid user:read', '--config', config, '--name', 'mine'], setup.io), setup.err.join('')).toBe(0);
  const written = JSON.parse(await fs.readFile(config, 'utf8')) as { mcpServers: { mine: { args: string[] } } };
  const port = Number(written.mcpServers.mine.args[3]);
  expect(port).toBeGreaterThan(0);

  const run = io(home);
  const code = await main(['verify', '--config', config, '--name', 'mine', '--headless', '--timeout', '5000', '--json', '--report', 'report.md'], run.io);
  const result = JSON.parse(run.out.join('')) as { steps: { id: string; status: string; evidence: Record<string, unknown> }[] };
  const step = (id: string) => result.steps.find((s) => s.id === id);
  expect(step('oauth.client')?.evidence).toMatchObject({ clientId: emulator.clientId, requestedScopes: ['openid', 'user:read'], scopeSource: 'user' });
  expect(step('oauth.authorize')?.evidence.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
  // --headless meets Casdoor's sign-in page: a person must sign in, which is the only failure.
  expect(result.steps.filter((s) => s.status === 'fail').map((s) => s.id)).toEqual(['oauth.sign-in']);
  expect(code).toBe(1);
  expect(run.err.join('')).toMatch(/Verifying "mine" from .*claude\.json as written/);
  const report = await fs.readFile(path.join(home, 'report.md'), 'utf8');
  expect(report).toMatch(/^# IAM MCP Helper — verify report/);
  expect(report).toContain(`(entry \`mine\`)`);
  expect(report).toContain('### ✖ `oauth.sign-in`');
  await fs.rm(home, { recursive: true, force: true });
});

it('--config with an entry that does not exist is a one-line error, not a stack', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'verify-config-'));
  const config = path.join(home, 'claude.json');
  await fs.writeFile(config, '{"mcpServers":{}}');
  const run = io(home);
  expect(await main(['verify', '--config', config], run.io)).not.toBe(0);
  expect(run.err.join('')).toMatch(/no mcpServers entry "iam"/);
  expect(run.err.join('')).not.toMatch(/\n\s+at /);
  await fs.rm(home, { recursive: true, force: true });
});
