import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeLogDirs, readClaudeLogs } from '../../../main/app/claude-logs.js';
import { memoryFs } from '../../unit/config/memory-fs.js';
import { tempAppContext } from '../../helpers/app-context.js';

describe('readClaudeLogs', () => {
  it("reads mcp.log and the entry's log from Claude's log folder: redacted, known failures marked", async () => {
    const ctx = tempAppContext();
    try {
      const dir = path.join(ctx.homedir, '.config', 'Claude', 'logs');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'mcp.log'), '2026-11-29 [info] Launching MCP Server: iam\n');
      writeFileSync(path.join(dir, 'mcp-server-iam.log'), [
        'Using automatically selected callback port: 25000',
        'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl',
        'Error: listen EADDRINUSE: address already in use 127.0.0.1:25000',
        '',
      ].join('\n'));
      const logs = await readClaudeLogs(ctx, 'iam');
      expect(logs.searched).toEqual([dir]);
      expect(logs.files.map((f) => path.basename(f.path))).toEqual(['mcp.log', 'mcp-server-iam.log']);
      const lines = logs.files[1]!.lines;
      expect(lines).toHaveLength(3);
      expect(lines[1]!.text).not.toContain('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9');
      expect(lines[2]).toMatchObject({ check: 'bridge.callback-port' });
      expect(lines[0]!.cause).toBeUndefined();
      expect((await readClaudeLogs(ctx)).files).toHaveLength(1);
    } finally {
      rmSync(ctx.dir, { recursive: true, force: true });
    }
  });

  it('on Windows looks in every folder Claude Desktop installs write to, each Store package found included', async () => {
    const env = { APPDATA: 'C:\\Users\\u\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    const packages = 'C:\\Users\\u\\AppData\\Local\\Packages';
    const fs = memoryFs({}, [`${packages}\\Claude_pzs8sxrjxfjjc`, `${packages}\\Claude_otherpublisher`, `${packages}\\Other_1`]);
    expect(await claudeLogDirs({ platform: 'win32', homedir: 'C:\\Users\\u', env, fs })).toEqual([
      'C:\\Users\\u\\AppData\\Roaming\\Claude\\logs',
      'C:\\Users\\u\\AppData\\Local\\Claude\\Logs',
      `${packages}\\Claude_otherpublisher\\LocalCache\\Roaming\\Claude\\logs`,
      `${packages}\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\logs`,
    ]);
    expect(await claudeLogDirs({ platform: 'win32', homedir: 'C:\\Users\\u', env, fs: memoryFs({}) })).toHaveLength(2);
  });
});
