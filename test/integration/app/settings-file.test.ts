import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyPatch, DEFAULT_SETTINGS, fileSettings } from '../../../main/app/settings.js';
import { nodeFs } from '../../../main/core/config/fs-port.js';


describe('settings.json (the browser door\'s settings, electron-store\'s format)', () => {
  it('round-trips recent instances, the last page and window bounds; the file is private', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'settings-'));
    const store = await fileSettings(nodeFs, 'linux', path.join(dir, 'app'));
    expect(store.read()).toEqual(DEFAULT_SETTINGS);
    const one = { url: 'https://iam.example.com/api/mcp', clientId: 'c', scopes: 'openid' };
    store.write({ ...applyPatch(store.read(), { recentInstances: [one, one], lastPage: 'backups' }), windowBounds: { width: 900, height: 700 } });
    await store.flush?.();
    const file = path.join(dir, 'app', 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ recentInstances: [one], lastPage: 'backups', windowBounds: { width: 900, height: 700 } });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect((await fileSettings(nodeFs, 'linux', path.join(dir, 'app'))).read()).toMatchObject({ recentInstances: [one], lastPage: 'backups' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads an invalid file as the defaults, keeping what is valid', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'settings-'));
    writeFileSync(path.join(dir, 'settings.json'), '{"lastPage":"nowhere","recentInstances":"x"}');
    expect((await fileSettings(nodeFs, 'linux', dir)).read()).toMatchObject({ lastPage: 'setup', recentInstances: [] });
    writeFileSync(path.join(dir, 'settings.json'), 'not json');
    expect((await fileSettings(nodeFs, 'linux', dir)).read()).toEqual(DEFAULT_SETTINGS);
    rmSync(dir, { recursive: true, force: true });
  });
});
