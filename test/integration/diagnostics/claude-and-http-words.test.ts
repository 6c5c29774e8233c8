import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { byId, fakeBin, mcpRemoteEntry, tempDir, testDeps, writeConfig } from './helpers.js';

async function offlineDoctor(entry: Record<string, unknown>, prepare?: (home: string) => Promise<void>) {
  const home = await tempDir();
  await fakeBin(home);
  await prepare?.(home);
  const file = await writeConfig(home, { iam: entry });
  const report = await runDoctor({ configPath: file, offline: true }, testDeps(home, 'http://127.0.0.1:9'));
  return byId(report.checks);
}

describe('claude.running says only what it saw', () => {
  it('Claude neither running nor installed: no ✔ "has loaded the current config"', async () => {
    const c = await offlineDoctor(mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid'));
    expect(c['claude.running']?.status).toBe('skip');
    expect(c['claude.running']?.cause).toMatch(/not running and does not seem to be installed/);
    expect(c['claude.running']?.evidence.installed).toBe(false);
  });

  it('installed (its config folder exists) but not running: skipped, it reads the config when it starts', async () => {
    const c = await offlineDoctor(mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid'),
      (home) => fs.mkdir(path.join(home, '.config', 'Claude'), { recursive: true }).then(() => undefined));
    expect(c['claude.running']?.status).toBe('skip');
    expect(c['claude.running']?.cause).toMatch(/is not running, so it has not loaded this config yet/);
  });
});

describe('config.url-https with --allow-http in the entry', () => {
  it('does not claim mcp-remote refuses the URL, and the fix names the whole https URL', async () => {
    const entry = mcpRemoteEntry('http://iam.example.com/api/mcp', 'abc', 'openid');
    (entry.args as string[]).push('--allow-http');
    const c = await offlineDoctor(entry);
    const check = c['config.url-https'];
    expect(check?.status).toBe('warn');
    expect(check?.cause).not.toMatch(/refuses it/);
    expect(check?.cause).toMatch(/passes --allow-http/);
    expect(check?.fix).toContain('https://iam.example.com/api/mcp');
    expect(check?.fix).not.toContain('…');
  });

  it('without --allow-http it fails and says mcp-remote refuses it', async () => {
    const c = await offlineDoctor(mcpRemoteEntry('http://iam.example.com/api/mcp', 'abc', 'openid'));
    expect(c['config.url-https']?.status).toBe('fail');
    expect(c['config.url-https']?.cause).toMatch(/refuses it unless the entry passes --allow-http/);
    expect(c['config.url-https']?.fix).toContain('https://iam.example.com/api/mcp');
  });
});
