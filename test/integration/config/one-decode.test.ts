/**
 * One file-system port, one decode: the doctor's loadConfig and setup's writeServerEntry read the
 * same bytes the same way, so the doctor never calls valid what setup refuses (or the reverse).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { writeServerEntry } from '../../../main/core/config/write-entry.js';
import { loadConfig } from '../../../main/core/diagnostics/config-load.js';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import { runChecks } from '../../../main/core/diagnostics/runner.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'one-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, Buffer][] = [
  ['valid UTF-8', Buffer.from('{"mcpServers": {"files": {"command": "npx", "args": ["café"]}}}\n')],
  ['Latin-1 bytes (invalid UTF-8)', Buffer.from([...Buffer.from('{"mcpServers": {"files": {"command": "caf'), 0xe9, ...Buffer.from('"}}}\n')])],
  ['a UTF-8 byte order mark', Buffer.from('\uFEFF{"mcpServers": {}}\n')],
];

describe('the doctor and setup decode a config the same way (one FsPort)', () => {
  it.each(CASES)('%s', async (_name, bytes) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, bytes);
    const deps = nodeDeps({ env: {}, platform: 'linux', homedir: dir });
    expect(deps.fs).toBe(nodeFs);
    const load = await loadConfig(deps, 'iam', file);
    const setupRefuses = await writeServerEntry({ fs: nodeFs, platform: 'linux', configPath: file, name: 'iam', entry: { command: 'x' },
      backups: { fs: nodeFs, platform: 'linux', dir: path.join(dir, 'b') }, dryRun: true }).then(() => false, () => true);
    const bom = bytes[0] === 0xef;
    // Setup repairs a BOM (which Claude Desktop cannot read); the doctor reports it as the cause.
    expect(load.state === 'invalid').toBe(bom || setupRefuses);
    expect(load.bom === true).toBe(bom);
  });

  it('a BOM gets its own cause and the repair as the fix, not "fix the JSON"', async () => {
    const file = path.join(dir, 'bom-doctor.json');
    writeFileSync(file, '\uFEFF{"mcpServers": {}}\n');
    const deps = nodeDeps({ env: {}, platform: 'linux', homedir: dir });
    const config = await loadConfig(deps, 'iam', file);
    const { allChecks } = await import('../../../main/core/diagnostics/checks/index.js');
    const results = await runChecks(allChecks.filter((c) => c.id.startsWith('config.f') || c.id === 'config.json-valid'),
      deps, { target: { name: 'iam', configPath: file, config }, offline: true });
    const valid = results.find((r) => r.id === 'config.json-valid');
    expect(valid?.status).toBe('fail');
    expect(valid?.cause).toContain('byte order mark');
    expect(valid?.fix).toContain('setup remove the BOM');
    expect(valid?.fixAction).toEqual({ action: 'config.rewrite-entry' });
  });
});
