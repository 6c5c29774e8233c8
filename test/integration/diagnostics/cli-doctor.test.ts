import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index.js';
import type { CliIo } from '../../../main/cli/command.js';
import { CHECK_IDS } from '../../../main/core/diagnostics/checks/index.js';
import { startFakeIam } from './fake-iam.js';
import { fakeBin, jwt, mcpRemoteEntry, startFakeRegistry, tempDir, writeConfig } from './helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => { while (open.length) await open.pop()?.close(); });

async function cli(argv: string[], home: string, env: Record<string, string> = {}, stdin?: string) {
  let stdout = ''; let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: home, platform: 'linux', homedir: home,
    env: { PATH: path.join(home, 'bin'), ...env }, signal: new AbortController().signal, ...(stdin !== undefined ? { readStdin: async () => stdin } : {}) };
  const code = await main(['doctor', ...argv], io);
  return { code, stdout, stderr };
}

describe('iam-mcp-helper doctor', () => {
  it('--json has the documented shape, exit 0 when nothing fails; every check id is present', async () => {
    const iam = await startFakeIam();
    const registry = await startFakeRegistry();
    open.push(iam, registry);
    const home = await tempDir();
    await fakeBin(home);
    const config = await writeConfig(home, { iam: mcpRemoteEntry(iam.mcpUrl, 'client-123', 'openid profile email application:read') });
    const r = await cli(['--config', config, '--json'], home, { npm_config_registry: registry.url });
    const j = JSON.parse(r.stdout) as { version: number; target: Record<string, unknown>; checks: { id: string; status: string }[]; summary: Record<string, number>; durationMs: number };
    expect(r.code).toBe(0);
    expect(j.version).toBe(1);
    expect(j.target).toMatchObject({ name: 'iam', configPath: config, mcpUrl: iam.mcpUrl, clientId: 'client-123', redirectUri: 'http://127.0.0.1:33418/callback', bridgePackage: 'mcp-remote@0.15.1' });
    expect(j.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(j.summary.fail).toBe(0);
    expect(Object.values(j.summary).reduce((a, b) => a + b, 0)).toBe(j.checks.length);
    expect(typeof j.durationMs).toBe('number');
  });

  it('never prints or reports the token, refresh token included; human output is grouped with marks', async () => {
    const token = await jwt({ scope: 'read:application', azp: 'client-123' });
    const refresh = 'refresh-token-value-that-must-not-leak';
    const iam = await startFakeIam({ tokens: { [token]: ['read:application'] } });
    const registry = await startFakeRegistry();
    open.push(iam, registry);
    const home = await tempDir();
    await fakeBin(home);
    const cacheDir = path.join(home, '.mcp-auth', 'mcp-remote-v1');
    await fs.mkdir(cacheDir, { recursive: true });
    const { serverUrlHash } = await import('../../../main/core/mcp-remote-facts.js');
    await fs.writeFile(path.join(cacheDir, `${serverUrlHash(iam.mcpUrl)}_tokens.json`), JSON.stringify({ access_token: token, refresh_token: refresh, token_type: 'Bearer' }));
    const config = await writeConfig(home, { iam: mcpRemoteEntry(iam.mcpUrl, 'client-123', 'read:application') });
    const outputs: string[] = [];
    const json = await cli(['--config', config, '--token', token, '--json', '--report', 'r1.md'], home, { npm_config_registry: registry.url });
    const text = await cli(['--config', config, '--use-bridge-cache', '--report', 'r2.md'], home, { npm_config_registry: registry.url });
    outputs.push(json.stdout, json.stderr, text.stdout, text.stderr, await fs.readFile(path.join(home, 'r1.md'), 'utf8'), await fs.readFile(path.join(home, 'r2.md'), 'utf8'));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).checks.find((c: { id: string }) => c.id === 'scope.tool-access').status).toBe('fail');
    for (const out of outputs) {
      expect(out).not.toContain(token);
      expect(out).not.toContain(token.split('.')[2]);
      expect(out).not.toContain(refresh);
    }
    expect(text.stdout).toMatch(/Scopes\n {2}✖ scope.granted|✖ scope.tool-access/);
    expect(text.stdout).toMatch(/\n {6}cause: .*insufficient_scope/);
    expect(text.stdout).toMatch(/– claude\.logs/);
    // Printed once, in the report: no progress list on a stderr that is not a terminal.
    expect(text.stderr).not.toContain('scope.tool-access');
    const md = outputs[4] ?? '';
    expect(md).toMatch(/^# IAM MCP Helper — doctor report/);
    expect(md).toContain('### ✖ `scope.tool-access`');
  });

  it('exit 2 on bad usage; --offline skips the network with a reason', async () => {
    const home = await tempDir();
    expect((await cli(['--timeout', 'soon'], home)).code).toBe(2);
    expect((await cli(['--url', 'not a url'], home)).code).toBe(2);
    expect((await cli(['--headless'], home)).code).toBe(2);
    const r = await cli(['--url', 'https://iam.example.com/api/mcp', '--client-id', 'x', '--offline', '--json'], home);
    const j = JSON.parse(r.stdout) as { checks: { id: string; status: string; cause?: string }[] };
    const dns = j.checks.find((c) => c.id === 'net.dns');
    expect(dns).toMatchObject({ status: 'skip', cause: 'Skipped: an offline run makes no network checks.' });
    expect(r.code).toBe(0);
  });

  it('--report: a skip row states its reason once', async () => {
    const home = await tempDir();
    await cli(['--url', 'https://iam.example.com/api/mcp', '--client-id', 'x', '--offline', '--report', 'r.md'], home);
    const md = await fs.readFile(path.join(home, 'r.md'), 'utf8');
    expect(md).toContain('| – | `net.dns` | Skipped: an offline run makes no network checks. |');
    expect(md).not.toContain('skip: Skipped');
  });

  it('takes the token from IAM_MCP_TOKEN or standard input (--token -), not only from argv', async () => {
    const home = await tempDir();
    const token = await jwt({ scope: 'read:application', exp: Math.floor(Date.now() / 1000) + 3600 });
    const base = ['--url', 'https://iam.example.com/api/mcp', '--client-id', 'x', '--offline', '--json'];
    const expiry = (r: { stdout: string }) => (JSON.parse(r.stdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'token.expiry')?.status;
    expect(expiry(await cli(base, home))).toBe('skip');
    const fromEnv = await cli(base, home, { IAM_MCP_TOKEN: token });
    expect(expiry(fromEnv)).toBe('pass');
    const fromStdin = await cli([...base, '--token', '-'], home, {}, `${token}\n`);
    expect(expiry(fromStdin)).toBe('pass');
    for (const r of [fromEnv, fromStdin]) expect(r.stdout + r.stderr).not.toContain(token.split('.')[2]);
    expect((await cli([...base, '--token', '-'], home, {}, '\n')).code).toBe(2);
    expect((await cli([...base, '--token', token], home)).stderr).toContain('visible to other users');
  });

  it('--report into a folder that does not exist fails before any check runs, in words', async () => {
    const home = await tempDir();
    const r = await cli(['--url', 'https://iam.example.com/api/mcp', '--client-id', 'x', '--offline', '--report', 'missing/dir/r.md'], home);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`iam-mcp-helper: OUTPUT_FOLDER_MISSING: cannot write the report to ${path.join(home, 'missing', 'dir', 'r.md')}: the folder ${path.join(home, 'missing', 'dir')} does not exist; nothing was run. Create the folder or choose another path\n`);
    await fs.mkdir(path.join(home, 'adir'));
    const folder = await cli(['--url', 'https://iam.example.com/api/mcp', '--client-id', 'x', '--offline', '--report', 'adir'], home);
    expect(folder.stderr).toMatch(/^iam-mcp-helper: OUTPUT_IS_FOLDER: .*adir: it is a folder; nothing was run/);
    expect(folder.stdout).toBe('');
  });
});
