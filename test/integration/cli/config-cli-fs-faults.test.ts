/**
 * Bad input (README, "Safety") through the real binary on a real full disk and a real read-only file
 * system: a small tmpfs mounted in a private user + mount namespace (`unshare -rm`, no root
 * needed). Skipped, with the reason, where the kernel refuses unprivileged user namespaces.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/iam-mcp-helper.js');
const canUnshare = spawnSync('unshare', ['-rm', 'true'], { timeout: 5000 }).status === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'cli-fs-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ORIGINAL = '{\n  "mcpServers": {}\n}\n';

/**
 * Mounts a 64 KiB tmpfs on `mnt` inside the namespace, writes the config there, runs `prepare`
 * (shell), then the CLI with `args`; prints a JSON line {code, stderr, after} for the test to read.
 */
function runInTmpfs(prepare: string, args: string[], xdgInMnt = false): { code: number; stderr: string; after: string | null; backups: string[] } {
  const dir = mkdtempSync(path.join(root, 'case-'));
  const mnt = path.join(dir, 'mnt');
  mkdirSync(mnt);
  const script = path.join(dir, 'run.sh');
  writeFileSync(script, `set -eu
mount -t tmpfs -o size=64k tmpfs "$MNT"
printf '%s' "$ORIGINAL" > "$MNT/c.json"
${prepare}
set +e
node "$BIN" "$@" 2>"$DIR/stderr" >/dev/null
echo $? > "$DIR/code"
cat "$MNT/c.json" > "$DIR/after" 2>/dev/null
exit 0
`);
  const env = {
    PATH: process.env.PATH, HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: xdgInMnt ? path.join(mnt, 'xdg') : path.join(dir, 'xdg'),
    ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron', MNT: mnt, DIR: dir, BIN, ORIGINAL,
  };
  const r = spawnSync('unshare', ['-rm', 'sh', script, ...args.map((a) => a.replaceAll('$MNT', mnt))], { env, timeout: 30_000, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`namespace script failed: ${r.stderr}`);
  const read = (name: string) => spawnSync('cat', [path.join(dir, name)], { encoding: 'utf8' });
  const after = read('after');
  const backupsDir = path.join(dir, 'xdg', 'IAM MCP Helper', 'backups');
  const backups = existsSync(backupsDir) ? readdirSync(backupsDir) : [];
  return { code: Number(read('code').stdout.trim()), stderr: read('stderr').stdout, after: after.status === 0 ? after.stdout : null, backups };
}

const setup = (config: string) => ['setup', '--url', 'https://iam.example.com/api/mcp', '--client-id', 'abc', '--config', config];

describe.skipIf(!canUnshare)('setup on a full or read-only file system (real binary, tmpfs in a user namespace)', () => {
  it('disk full during the write: exit 1, one DISK_FULL line, the file keeps its bytes', () => {
    const r = runInTmpfs('dd if=/dev/zero of="$MNT/fill" bs=1k count=1000 2>/dev/null || true', setup('$MNT/c.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^iam-mcp-helper: DISK_FULL: cannot write .*c\.json: the disk is full/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.after).toBe(ORIGINAL);
  });

  it('read-only file system: exit 1, READ_ONLY, no backup recorded, for an existing file and for Claude\'s folder still to create', () => {
    const existing = runInTmpfs('mount -o remount,ro "$MNT"', setup('$MNT/c.json'));
    expect(existing.code).toBe(1);
    expect(existing.stderr).toMatch(/^iam-mcp-helper: READ_ONLY: .*read-only/);
    expect(existing.after).toBe(ORIGINAL);
    expect(existing.backups).toEqual([]);
    const standard = ['setup', '--url', 'https://iam.example.com/api/mcp', '--client-id', 'abc'];
    const missing = runInTmpfs('mount -o remount,ro "$MNT"', standard, true);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^iam-mcp-helper: READ_ONLY: cannot write .*xdg.*read-only/);
  });
});
