/** loadBridgeEntry reads the config through the config engine's decode + strict parse, on real temp files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { HelperError } from '../../../main/core/errors.js';
import { loadBridgeEntry } from '../../../main/core/mcp/bridge-entry.js';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = ''; });

async function load(bytes: Buffer): Promise<unknown> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-entry-'));
  const configPath = path.join(dir, 'claude_desktop_config.json');
  await writeFile(configPath, bytes);
  try {
    return await loadBridgeEntry({ configPath, name: 'iam', platform: 'linux', env: {}, homedir: dir, fs: nodeFs });
  } catch (error) {
    return error instanceof HelperError ? error.code : error;
  }
}

const good = '{"mcpServers":{"iam":{"command":"npx","args":["-y","mcp-remote@0.15.1","https://iam.example.com/api/mcp"]}}}';

describe('loadBridgeEntry', () => {
  it('reads a valid config', async () => {
    expect(await load(Buffer.from(good))).toMatchObject({ name: 'iam', entry: { command: 'npx' }, description: { packageName: 'mcp-remote' } });
  });

  it('refuses invalid UTF-8 instead of running a command with U+FFFD in it', async () => {
    const bad = Buffer.concat([Buffer.from('{"mcpServers":{"iam":{"command":"np'), Buffer.from([0xff]), Buffer.from('x","args":[]}}}')]);
    expect(await load(bad)).toBe('CONFIG_NOT_UTF8');
  });

  it('a BOM is the JSON error Claude Desktop hits, not silently accepted', async () => {
    expect(await load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]))).toBe('CONFIG_INVALID_JSON');
  });
});
