/**
 * Crash safety of the config write, for real: a child process rewriting the config in a loop
 * (crash-writer.ts, the engine's own writeServerEntry with backups) is SIGKILLed at random
 * moments, 200 times. After each kill the config parses and holds exactly one of the two
 * versions the writer alternates between, and every backup `listBackups` shows is readable
 * (checksum verified) and holds one of them. POSIX only (SIGKILL).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { listBackups, pruneBackups, readBackup, type BackupStore } from '../../../main/core/config/backups.js';
import { writeServerEntry } from '../../../main/core/config/write-entry.js';

const LANES = 4;
const KILLS_PER_LANE = 50;
const ENTRIES = [{ command: 'npx', args: ['-y', 'first-version'] }, { command: 'npx', args: ['-y', 'second', 'version'] }];
const OTHERS = '{\n  "globalShortcut": "Ctrl+Space",\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["-y", "x"]}\n  }\n}\n';

let root: string;
let writer: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'crash-kill-'));
  writer = path.join(root, 'writer.mjs');
  // One bundled file: the child starts in a fraction of the time ~100 separate modules take.
  await build({
    input: path.resolve('test/integration/config/crash-writer.ts'), platform: 'node',
    resolve: { mainFields: ['module', 'main'] }, external: [...builtinModules, /^node:/],
    output: { file: writer, format: 'esm' }, logLevel: 'warn',
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the writer, waits until it is loaded and writing, lets it run 0-25 ms, SIGKILLs it. */
function runAndKill(cfg: string, backupsDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, cfg, backupsDir, JSON.stringify(ENTRIES)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), Math.random() * 25));
    child.once('error', reject);
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

async function lane(n: number): Promise<Set<string>> {
  const dir = path.join(root, `lane-${n}`);
  const cfg = path.join(dir, 'claude_desktop_config.json');
  const store: BackupStore = { fs: nodeFs, platform: process.platform, dir: path.join(dir, 'backups') };
  mkdirSync(dir);
  writeFileSync(cfg, OTHERS);
  const write = async (entry: unknown) => {
    await writeServerEntry({ fs: nodeFs, platform: process.platform, configPath: cfg, name: 'iam', entry, backups: store });
    return readFileSync(cfg);
  };
  const versions = [await write(ENTRIES[1]), await write(ENTRIES[0])];
  expect((await write(ENTRIES[1])).equals(versions[0]!)).toBe(true); // the writer's two versions, exactly
  const seen = new Set<string>();
  for (let k = 0; k < KILLS_PER_LANE; k++) {
    await runAndKill(cfg, store.dir);
    const bytes = readFileSync(cfg);
    const which = versions.findIndex((v) => v.equals(bytes));
    expect(which, `after kill ${k}: the config is neither version:\n${bytes.toString('utf8')}`).not.toBe(-1);
    expect(JSON.parse(bytes.toString('utf8')).mcpServers.files).toBeDefined();
    seen.add(String(which));
    for (const meta of await listBackups(store)) {
      const backup = await readBackup(store, meta.id);
      expect(versions.some((v) => v.equals(backup.bytes)) || backup.bytes.toString('utf8') === OTHERS).toBe(true);
    }
    await pruneBackups(store, 5);
  }
  return seen;
}

describe.skipIf(process.platform === 'win32')('config write under SIGKILL', () => {
  it(`a writer killed at random moments ${LANES * KILLS_PER_LANE} times leaves the old or the new bytes and readable backups`, async () => {
    const seen = await Promise.all(Array.from({ length: LANES }, (_x, n) => lane(n)));
    // The kills landed while writes went on: both versions were found on disk after some kill.
    expect(new Set(seen.flatMap((s) => [...s]))).toEqual(new Set(['0', '1']));
  }, 600_000); // ~200 Node start-ups: seconds on an idle machine, minutes on a saturated one
});
