import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('electron-builder.yml', () => {
  it('parses and names the dmg, nsis, AppImage and deb targets', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, { target: string[] }> & { appId: string; productName: string };
    expect(config.appId).toMatch(/\./);
    expect(config.productName).toBe('IAM MCP Helper');
    expect(config.mac?.target).toContain('dmg');
    expect(config.win?.target).toContain('nsis');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });
});
