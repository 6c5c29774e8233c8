import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the real built binary (npm test builds first) with HOME/XDG_CONFIG_HOME in a temp dir. */
let root: string;
let env: NodeJS.ProcessEnv;
const BIN = path.resolve('bin/iam-mcp-helper.js');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const json = (s: string): unknown => JSON.parse(s);

beforeAll(() => {
  if (!existsSync('dist/main/cli/index.js')) throw new Error('run `npm run build` first');
  root = mkdtempSync(path.join(os.tmpdir(), 'cli-config-'));
  env = { PATH: process.env.PATH, HOME: path.join(root, 'home'), XDG_CONFIG_HOME: path.join(root, 'xdg'), ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' };
  mkdirSync(env.HOME!, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const URL_ = 'https://iam.example.com/api/mcp';
const ORIGINAL = '{\n    "globalShortcut": "Ctrl+Space",\n    "mcpServers": {\n        "files": {"command": "npx", "args": ["-y", "x"]}\n    }\n}\n';

describe('iam-mcp-helper config commands (real binary)', () => {
  it('--help lists the commands; every command has --help', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const name of ['locate', 'setup', 'backups']) {
      expect(top.stdout).toContain(name);
      const h = await cli(name, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/^Usage: iam-mcp-helper /);
    }
  });

  it('locate --json: XDG candidate chosen, app data folder under XDG', async () => {
    const r = await cli('locate', '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout) as { chosen: string; candidates: { exists: boolean }[]; backupsDir: string };
    expect(out.chosen).toBe(path.join(root, 'xdg', 'Claude', 'claude_desktop_config.json'));
    expect(out.candidates[0]?.exists).toBe(false);
    expect(out.backupsDir).toBe(path.join(root, 'xdg', 'IAM MCP Helper', 'backups'));
    const text = await cli('locate');
    expect(text.stdout).toContain('missing');
  });

  it('setup: dry run, write, no-op; backups list/show/diff/restore/prune', async () => {
    const cfg = path.join(root, 'xdg', 'Claude', 'claude_desktop_config.json');
    mkdirSync(path.dirname(cfg), { recursive: true });
    writeFileSync(cfg, ORIGINAL);

    const dry = await cli('setup', '--url', URL_, '--client-id', 'abc', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+        "iam": {');
    expect(dry.stdout).toContain('Dry run');
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);

    const set = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24567', '--json');
    expect(set.code).toBe(0);
    const res = json(set.stdout) as { changed: boolean; redirectUris: string[]; backup: { id: string } };
    expect(res).toMatchObject({ changed: true, redirectUris: ['http://127.0.0.1:24567/callback'] });
    const written = JSON.parse(readFileSync(cfg, 'utf8'));
    expect(written.mcpServers.iam.args).toContain('mcp-remote@0.15.1');
    expect(readFileSync(cfg, 'utf8')).toContain('        "files": {"command": "npx", "args": ["-y", "x"]},\n');

    const again = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24567', '--json');
    expect((json(again.stdout) as { changed: boolean }).changed).toBe(false);

    const list = await cli('backups', 'list', '--json');
    expect(list.code).toBe(0);
    const backups = json(list.stdout) as { id: string; createdAt: string; sourcePath: string }[];
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ id: res.backup.id, sourcePath: cfg });
    expect(new Date(backups[0]!.createdAt).toISOString()).toBe(backups[0]!.createdAt);

    const show = await cli('backups', 'show', res.backup.id);
    expect(show.stdout).toBe(ORIGINAL);
    const diff = await cli('backups', 'diff', res.backup.id, '--json');
    expect(json(diff.stdout)).toMatchObject({ identical: false });

    const restore = await cli('backups', 'restore', res.backup.id, '--json');
    expect(restore.code).toBe(0);
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);
    expect((json((await cli('backups', 'list', '--json')).stdout) as unknown[]).length).toBe(2);

    const prune = await cli('backups', 'prune', '--keep', '1', '--json');
    expect((json(prune.stdout) as { removed: unknown[] }).removed).toHaveLength(1);
    expect((json((await cli('backups', 'list', '--json')).stdout) as unknown[]).length).toBe(1);
  });

  it('bad input: exit 2 for usage, 1 for a failed operation, one stderr line, file untouched', async () => {
    const bad = path.join(root, 'bad.json');
    writeFileSync(bad, '{"mcpServers": {,}\n');
    const cases: [string[], number, RegExp][] = [
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', bad], 1, /CONFIG_INVALID_JSON: .*bad\.json:1:17/],
      [['setup', '--url', 'http://iam.example.com/mcp', '--client-id', 'abc', '--config', bad], 2, /http for the non-loopback host/],
      [['setup', '--url', 'ftp://iam.example.com/mcp', '--client-id', 'abc', '--config', bad], 2, /http\(s\)/],
      [['setup', '--url', URL_, '--client-id', '', '--config', bad], 2, /client-id is empty/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--scopes', 'openid "x"', '--config', bad], 2, /characters a scope cannot contain/],
      [['setup', '--url', URL_], 2, /missing --client-id/],
      [['setup', '--url', URL_, '--client-id', 'a', '--callback-port', 'x'], 2, /whole number/],
      [['setup', '--bogus'], 2, /Unknown option/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', root], 1, /is a folder/],
      [['backups', 'restore', '20990101T000000000Z-abcdef'], 1, /BACKUP_NOT_FOUND/],
      [['backups', 'frobnicate'], 2, /unknown action/],
      [['backups', 'restore'], 2, /missing <id>/],
      [['nosuch'], 2, /unknown command/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(...args, '--json');
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(bad, 'utf8')).toBe('{"mcpServers": {,}\n');
    const replaced = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', bad, '--replace-invalid', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(readFileSync(bad, 'utf8')).mcpServers.iam).toBeDefined();
  });
});
