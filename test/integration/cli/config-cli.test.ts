import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the real built binary (npm test builds first) with HOME/XDG_CONFIG_HOME in a temp dir. */
let root: string;
let env: NodeJS.ProcessEnv;
const BIN = path.resolve('bin/iam-mcp-helper.js');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(process.cwd(), ...args);
}

function cliIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd, timeout: 20_000 }, (error, stdout, stderr) => {
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
      expect((await cli('help', name)).stdout).toBe(h.stdout);
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
    expect(dry.stdout).not.toContain('Restart Claude Desktop');
    expect(readFileSync(cfg, 'utf8')).toBe(ORIGINAL);

    const set = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24567', '--json');
    expect(set.code).toBe(0);
    const res = json(set.stdout) as { changed: boolean; redirectUris: string[]; backup: { id: string } };
    expect(res).toMatchObject({ changed: true, redirectUris: ['http://127.0.0.1:24567/callback'], restartClaudeDesktop: true });
    const written = JSON.parse(readFileSync(cfg, 'utf8'));
    expect(written.mcpServers.iam.args).toContain('mcp-remote@0.15.1');
    expect(readFileSync(cfg, 'utf8')).toContain('        "files": {"command": "npx", "args": ["-y", "x"]},\n');

    const again = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24567', '--json');
    expect(json(again.stdout)).toMatchObject({ changed: false, restartClaudeDesktop: false });

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

  it('setup (text): tells the user the redirect URI to register and to restart Claude Desktop', async () => {
    const cfg = path.join(root, 'text', 'claude_desktop_config.json');
    mkdirSync(path.dirname(cfg));
    const r = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24999', '--config', cfg);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Created ${cfg}`);
    expect(r.stdout).toContain('Register this redirect URI on the IAM application:\n  http://127.0.0.1:24999/callback\n');
    expect(r.stdout).toContain('Restart Claude Desktop');
    const again = await cli('setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '24999', '--config', cfg);
    expect(again.stdout).toContain('nothing to do');
    expect(again.stdout).toContain('http://127.0.0.1:24999/callback');
    const other = await cli('setup', '--url', URL_, '--client-id', 'other', '--callback-port', '24999', '--config', cfg);
    expect(other.stdout).toContain(`Replaced the existing "iam" entry in ${cfg}`);
    expect(other.stdout).toMatch(/Backup: \S+ \(restore with: iam-mcp-helper backups restore \S+\)/);
  });

  it('setup and backups diff never print another server\'s secrets (text and --json); the file keeps them', async () => {
    const GH = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const cfg = path.join(root, 'secrets', 'claude_desktop_config.json');
    mkdirSync(path.dirname(cfg), { recursive: true });
    const original = `{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "args": ["-y", "gh", "--header", "Authorization: Bearer ${GH}"],\n      "env": {"GITHUB_TOKEN": "${GH}"}\n    }\n  }\n}\n`;
    writeFileSync(cfg, original);
    const outputs: string[] = [];
    const dry = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', cfg, '--dry-run');
    const dryJson = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', cfg, '--dry-run', '--json');
    outputs.push(dry.stdout, dryJson.stdout);
    expect(dry.stdout).toContain('"GITHUB_TOKEN": "ghp_…(42 chars)"');
    expect(dry.stdout).toContain('@@ ');
    const set = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', cfg, '--json');
    outputs.push(set.stdout);
    expect(readFileSync(cfg, 'utf8')).toContain(`"env": {"GITHUB_TOKEN": "${GH}"}`);
    const id = (json(set.stdout) as { backup: { id: string } }).backup.id;
    const diff = await cli('backups', 'diff', id, '--config', cfg);
    const diffJson = await cli('backups', 'diff', id, '--config', cfg, '--json');
    const show = await cli('backups', 'show', id);
    const showJson = await cli('backups', 'show', id, '--json');
    outputs.push(diff.stdout, diffJson.stdout, show.stdout, showJson.stdout);
    expect(show.stdout).toContain('"GITHUB_TOKEN": "ghp_…(42 chars)"');
    expect((await cli('backups', 'show', id, '--raw')).stdout).toBe(original);
    expect(diff.stdout).toContain('+    "iam": {');
    expect(json(diffJson.stdout)).toMatchObject({ identical: false });
    for (const out of outputs) {
      expect(out).not.toContain(GH);
      expect(out).not.toContain(JSON.stringify(GH).slice(1, -1));
    }
  });

  it('relative --config paths resolve against the working directory (setup, backups restore)', async () => {
    const work = path.join(root, 'work');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'rel.json'), ORIGINAL);
    const set = await cliIn(work, 'setup', '--url', URL_, '--client-id', 'abc', '--config', 'rel.json', '--json');
    expect(set.code).toBe(0);
    const { configPath, backup } = json(set.stdout) as { configPath: string; backup: { id: string; sourcePath: string } };
    expect([configPath, backup.sourcePath]).toEqual([path.join(work, 'rel.json'), path.join(work, 'rel.json')]);
    const restored = await cliIn(work, 'backups', 'restore', backup.id, '--config', 'copy.json', '--json');
    expect(restored.code).toBe(0);
    expect((json(restored.stdout) as { targetPath: string }).targetPath).toBe(path.join(work, 'copy.json'));
    expect(readFileSync(path.join(work, 'copy.json'), 'utf8')).toBe(ORIGINAL);
  });

  it('bad input: exit 2 for usage, 1 for a failed operation, one stderr line, file untouched', async () => {
    const bad = path.join(root, 'bad.json');
    writeFileSync(bad, '{"mcpServers": {,}\n');
    const arrayRoot = path.join(root, 'array-root.json');
    writeFileSync(arrayRoot, '[]\n');
    const serversNull = path.join(root, 'servers-null.json');
    writeFileSync(serversNull, '{"mcpServers": null}\n');
    const fileAsFolder = path.join(root, 'plain-file');
    writeFileSync(fileAsFolder, 'x');
    const cases: [string[], number, RegExp][] = [
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', bad], 1, /CONFIG_INVALID_JSON: .*bad\.json:1:17/],
      [['setup', '--url', 'http://iam.example.com/mcp', '--client-id', 'abc', '--config', bad], 2, /http for the non-loopback host/],
      [['setup', '--url', 'ftp://iam.example.com/mcp', '--client-id', 'abc', '--config', bad], 2, /The MCP URL must start with https:\/\/ \(or http:\/\/\), not ftp: \(--url\)/],
      [['setup', '--url', URL_, '--client-id', '', '--config', bad], 2, /The client ID is empty \(--client-id\)/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--scopes', 'openid "x"', '--config', bad], 2, /characters a scope cannot contain/],
      [['setup', '--url', URL_], 2, /missing --client-id/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--scopes', '', '--config', bad], 2, /--scopes is empty/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--name', '', '--config', bad], 2, /--name is empty/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', ''], 2, /--config is empty/],
      [['setup', '--url', 'not a url', '--client-id', 'abc', '--config', bad], 2, /is not a URL/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--callback-port', '0', '--config', bad], 2, /between 1 and 65535/],
      [['setup', '--url', URL_, '--client-id', 'a', '--callback-port', 'x'], 2, /whole number/],
      [['setup', '--bogus'], 2, /Unknown option/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', root], 1, /is a folder/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', arrayRoot], 1, /CONFIG_ROOT_NOT_OBJECT: .*found an array/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', serversNull], 1, /CONFIG_SERVERS_NOT_OBJECT: .*found null/],
      [['setup', '--url', URL_, '--client-id', 'abc', '--config', path.join(fileAsFolder, 'c.json')], 1, /PATH_NOT_FOLDER: .*a part of the path is a file/],
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
    expect(readFileSync(arrayRoot, 'utf8')).toBe('[]\n');
    expect(readFileSync(serversNull, 'utf8')).toBe('{"mcpServers": null}\n');
    const replaced = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', bad, '--replace-invalid', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(readFileSync(bad, 'utf8')).mcpServers.iam).toBeDefined();
  });

  it('setup keeps what the user has: a BOM is removed and the rest kept; write protection, a mistyped folder and dropped servers are refused in words', async () => {
    const work = path.join(root, 'keep');
    mkdirSync(work);
    const bom = path.join(work, 'bom.json');
    writeFileSync(bom, `\uFEFF${ORIGINAL}`);
    const fixed = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', bom);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('byte order mark (BOM)');
    const kept = JSON.parse(readFileSync(bom, 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(Object.keys(kept.mcpServers)).toEqual(['files', 'iam']);

    const ro = path.join(work, 'ro.json');
    writeFileSync(ro, ORIGINAL);
    chmodSync(ro, 0o444);
    const refused = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', ro);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/READ_ONLY_FILE: .*ro\.json is write-protected \(mode 0444\).*chmod u\+w/);
    expect(readFileSync(ro, 'utf8')).toBe(ORIGINAL);

    const typo = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', path.join(work, 'typo', 'dir', 'claude.json'));
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/FOLDER_MISSING: the folder .*typo\/dir does not exist/);
    expect(existsSync(path.join(work, 'typo'))).toBe(false);

    const broken = path.join(work, 'broken.json');
    writeFileSync(broken, '{"mcpServers": {"gh": {"command": "gh-mcp"},}, x}\n');
    const named = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', broken);
    expect(named.stderr).toContain('"gh"');
    const unconfirmed = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', broken, '--replace-invalid');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/CONFIG_REPLACE_DROPS_SERVERS: .*"gh".*--confirm-drop "gh"/);
    const dry = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', broken, '--replace-invalid', '--dry-run');
    expect(dry.stdout).toContain('Replacing the unusable file drops: gh');
    expect((await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', broken, '--replace-invalid', '--confirm-drop', 'gh')).code).toBe(0);
  });

  it('setup --repair removes only trailing commas and comments, and keeps every server', async () => {
    const file = path.join(root, 'repairable.json');
    writeFileSync(file, '{\n  // mine\n  "mcpServers": {"gh": {"command": "gh-mcp"},},\n}\n');
    const refused = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('or pass --repair');
    const repaired = await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', file, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('Repaired: removed a comment at line 2, column 3, a trailing comma at line 3, column 45, a trailing comma at line 3, column 47; every server is kept.');
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['gh', 'iam']);
  });

  it('setup creates Claude Desktop\'s own folder when Claude has not run yet (also when named with --config)', async () => {
    const xdg = path.join(root, 'fresh-xdg');
    const standard = path.join(xdg, 'Claude', 'claude_desktop_config.json');
    const saved = env;
    env = { ...env, XDG_CONFIG_HOME: xdg };
    try {
      expect((await cli('setup', '--url', URL_, '--client-id', 'abc', '--config', standard, '--dry-run')).code).toBe(0);
      expect((await cli('setup', '--url', URL_, '--client-id', 'abc')).code).toBe(0);
      expect(existsSync(standard)).toBe(true);
    } finally {
      env = saved;
    }
  });

  it('backups list shows an orphan (bytes without a record) apart, and prune removes it', async () => {
    const dir = path.join(root, 'xdg', 'IAM MCP Helper', 'backups');
    mkdirSync(dir, { recursive: true });
    const orphan = path.join(dir, '20200101T000000000Z-0a0b0c.bak');
    writeFileSync(orphan, ORIGINAL);
    const list = await cli('backups', 'list');
    expect(list.stdout).toMatch(/Orphans \(bytes without a record[^\n]*\n20200101T000000000Z-0a0b0c {2}2020-01-01T00:00:00\.000Z .*\.bak/);
    const pruned = await cli('backups', 'prune', '--json');
    expect((JSON.parse(pruned.stdout) as { orphansRemoved: { path: string }[] }).orphansRemoved.map((o) => o.path)).toEqual([orphan]);
    expect(existsSync(orphan)).toBe(false);
  });
});
