import { describe, expect, it } from 'vitest';
import { resolveConfigPaths } from '../../../main/core/config/locate.js';
import { appDataDir, backupsDir, bridgeFilesDir } from '../../../main/core/paths/app-data.js';
import { memoryFs } from './memory-fs.js';

const CFG = 'claude_desktop_config.json';

describe('resolveConfigPaths', () => {
  it('macOS: ~/Library/Application Support/Claude', async () => {
    const path = `/Users/ann/Library/Application Support/Claude/${CFG}`;
    const loc = await resolveConfigPaths({ platform: 'darwin', env: {}, homedir: '/Users/ann', fs: memoryFs({ [path]: '{}' }) });
    expect(loc.chosen).toBe(path);
    expect(loc.candidates).toEqual([{ path, kind: 'standard', exists: true }]);
  });

  it('Linux: $XDG_CONFIG_HOME wins, else ~/.config; a relative XDG_CONFIG_HOME is ignored', async () => {
    const fs = memoryFs({});
    const xdg = await resolveConfigPaths({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, homedir: '/home/b', fs });
    expect(xdg.chosen).toBe(`/x/cfg/Claude/${CFG}`);
    expect(xdg.candidates[0]?.exists).toBe(false);
    expect(xdg.reason).toContain('XDG_CONFIG_HOME');
    const home = await resolveConfigPaths({ platform: 'linux', env: {}, homedir: '/home/b', fs });
    expect(home.chosen).toBe(`/home/b/.config/Claude/${CFG}`);
    const rel = await resolveConfigPaths({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, homedir: '/home/b', fs });
    expect(rel.chosen).toBe(`/home/b/.config/Claude/${CFG}`);
  });

  const env = { APPDATA: 'C:\\Users\\c\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\c\\AppData\\Local' };
  const standard = `C:\\Users\\c\\AppData\\Roaming\\Claude\\${CFG}`;
  const pkg = 'C:\\Users\\c\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc';
  const msix = `${pkg}\\LocalCache\\Roaming\\Claude\\${CFG}`;

  it('Windows: %APPDATA% when no Store package exists', async () => {
    const fs = memoryFs({ [standard]: '{}' }, ['C:\\Users\\c\\AppData\\Local\\Packages\\Other_1']);
    const loc = await resolveConfigPaths({ platform: 'win32', env, homedir: 'C:\\Users\\c', fs });
    expect(loc.chosen).toBe(standard);
    expect(loc.candidates).toEqual([{ path: standard, kind: 'standard', exists: true }]);
  });

  it('Windows: the MSIX copy (globbed Claude_*) is chosen when the package folder exists, both listed', async () => {
    const fs = memoryFs({ [standard]: '{}' }, [pkg]);
    const loc = await resolveConfigPaths({ platform: 'win32', env, homedir: 'C:\\Users\\c', fs });
    expect(loc.chosen).toBe(msix);
    expect(loc.reason).toContain('Microsoft Store');
    expect(loc.candidates).toEqual([
      { path: standard, kind: 'standard', exists: true },
      { path: msix, kind: 'msix', exists: false },
    ]);
  });

  it('Windows: falls back to homedir when APPDATA/LOCALAPPDATA are unset', async () => {
    const fs = memoryFs({ [msix]: '{}' });
    const loc = await resolveConfigPaths({ platform: 'win32', env: {}, homedir: 'C:\\Users\\c', fs });
    expect(loc.chosen).toBe(msix);
    expect(loc.candidates.map((c) => c.exists)).toEqual([false, true]);
  });

  it('a user path overrides every default', async () => {
    const loc = await resolveConfigPaths({ platform: 'linux', env: {}, homedir: '/h', fs: memoryFs({ '/o/c.json': '{}' }), override: '/o/c.json' });
    expect(loc).toMatchObject({ chosen: '/o/c.json', candidates: [{ path: '/o/c.json', kind: 'user', exists: true }] });
  });

  it('a folder where the file should be does not count as existing', async () => {
    const path = `/h/.config/Claude/${CFG}`;
    const loc = await resolveConfigPaths({ platform: 'linux', env: {}, homedir: '/h', fs: memoryFs({}, [path]) });
    expect(loc.candidates[0]?.exists).toBe(false);
  });
});

describe('app data folder (Electron userData for "IAM MCP Helper")', () => {
  it('per OS', () => {
    expect(appDataDir({ platform: 'darwin', env: {}, homedir: '/Users/a' })).toBe('/Users/a/Library/Application Support/IAM MCP Helper');
    expect(appDataDir({ platform: 'win32', env: { APPDATA: 'C:\\U\\R' }, homedir: 'C:\\U' })).toBe('C:\\U\\R\\IAM MCP Helper');
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, homedir: '/h' })).toBe('/x/IAM MCP Helper');
    expect(backupsDir({ platform: 'linux', env: {}, homedir: '/h' })).toBe('/h/.config/IAM MCP Helper/backups');
    expect(bridgeFilesDir({ platform: 'win32', env: { APPDATA: 'C:\\U\\R' }, homedir: 'C:\\U' })).toBe('C:\\U\\R\\iam-mcp-helper\\bridge');
  });
});
