import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { readBridgeEntry } from '../../../main/core/diagnostics/entry.js';
import { serverUrlHash } from '../../../main/core/mcp-remote-facts.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { byId, fakeBin, failures, mcpRemoteEntry, startFakeRegistry, tempDir, testDeps, writeConfig, type FakeRegistry } from './helpers.js';

let registry: FakeRegistry;
beforeAll(async () => { registry = await startFakeRegistry(); });
afterAll(async () => { await registry.close(); });

async function doctorOn(servers: Record<string, unknown> | string, extra: { offline?: boolean; platform?: NodeJS.Platform; nodeVersion?: string } = {}) {
  const home = await tempDir();
  await fakeBin(home, extra.nodeVersion);
  let file: string;
  if (typeof servers === 'string') { file = path.join(home, 'claude_desktop_config.json'); await fs.writeFile(file, servers); }
  else file = await writeConfig(home, servers);
  const deps = testDeps(home, registry.url, extra.platform ? { platform: extra.platform } : {});
  const report = await runDoctor({ configPath: file, offline: extra.offline ?? true }, deps);
  return byId(report.checks);
}

describe('config.* checks', () => {
  it('the guide\'s own entry: nonexistent package, guide scope names, ignored env vars', async () => {
    const c = await doctorOn({ iam: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-oauth', 'https://iam.example.com/api/mcp'],
      env: { OAUTH_CLIENT_ID: 'abc', OAUTH_SCOPES: 'read:application write:application openid profile email' } } }, { offline: false });
    expect(c['config.bridge-package']?.status).toBe('fail');
    expect(c['config.bridge-package']?.cause).toMatch(/does not exist on the npm registry/);
    expect(registry.hits).toContain('/@modelcontextprotocol/server-oauth');
    expect(c['config.scope-names']?.status).toBe('fail');
    expect(c['config.scope-names']?.fix).toContain('application:read application:write openid profile email');
    expect(c['config.scope-names']?.fixAction?.action).toBe('config.set-scopes');
    expect(c['config.env-ignored']?.status).toBe('warn');
    expect(c['config.callback']?.status).toBe('warn');
  });

  it('a good mcp-remote entry passes every config check', async () => {
    const c = await doctorOn({ iam: mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid profile email application:read') }, { offline: false });
    for (const id of ['config.found', 'config.json-valid', 'config.entry-present', 'config.bridge-package', 'config.placeholders', 'config.url-https', 'config.env-ignored', 'config.command-resolvable', 'config.callback']) {
      expect(c[id]?.status, `${id}: ${c[id]?.cause}`).toBe('pass');
    }
    // iam.example.com cannot be asked for its scopes: no claim about them either way.
    expect(c['config.scope-names']?.status).toBe('skip');
    expect(c['config.scope-names']?.cause).toMatch(/cannot be compared with the server's/);
    expect(c['config.callback']?.evidence.redirectUri).toBe('http://127.0.0.1:33418/callback');
    expect(c['config.command-resolvable']?.evidence.nodeVersion).toBe('v20.20.2');
  });

  it('a pinned version that does not exist fails; a registry error only warns', async () => {
    const entry = mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid');
    (entry.args as string[])[1] = 'mcp-remote@9.9.9';
    expect((await doctorOn({ iam: entry }, { offline: false }))['config.bridge-package']?.status).toBe('fail');
    const broken = await startFakeRegistry({ failWith: 503 });
    const home = await tempDir();
    const report = await runDoctor({ configPath: await writeConfig(home, { iam: mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid') }), offline: false },
      testDeps(home, broken.url));
    await broken.close();
    const pkg = byId(report.checks)['config.bridge-package'];
    expect(pkg?.status).toBe('warn');
    expect(pkg?.cause).toMatch(/could not be asked/);
  });

  it('placeholders, http for a remote host, and env-only client id', async () => {
    const c = await doctorOn({ iam: { command: 'npx', args: ['-y', 'mcp-remote', 'http://your-iam.com/api/mcp'], env: { OAUTH_CLIENT_ID: 'your-client-id' } } });
    expect(c['config.placeholders']?.status).toBe('fail');
    expect(c['config.placeholders']?.cause).toContain('"your-iam.com", "your-client-id"');
    expect(c['config.url-https']?.status).toBe('fail');
    expect(c['config.env-ignored']?.status).toBe('fail');
    expect(c['config.callback']?.status).toBe('warn');
    expect(c['config.callback']?.evidence.redirectUri).toMatch(/^http:\/\/localhost:\d+\/oauth\/callback$/);
  });

  it('invalid JSON is located at line:col and blocks the entry checks', async () => {
    const c = await doctorOn('{\n  "mcpServers": {\n    "iam": { "command": "npx", }\n  }\n}\n');
    expect(c['config.json-valid']?.status).toBe('fail');
    expect(c['config.json-valid']?.evidence).toMatchObject({ line: 3, column: 32 });
    expect(c['config.entry-present']?.status).toBe('skip');
    expect(c['config.entry-present']?.cause).toMatch(/config.json-valid/);
  });

  it('a missing entry and a missing file fail', async () => {
    const c = await doctorOn({ other: { command: 'x' } });
    expect(c['config.entry-present']?.status).toBe('fail');
    expect(c['config.entry-present']?.evidence.entries).toEqual(['other']);
    const home = await tempDir();
    const report = await runDoctor({ configPath: path.join(home, 'nope.json'), offline: true }, testDeps(home, registry.url));
    expect(byId(report.checks)['config.found']?.status).toBe('fail');
  });

  it('command resolution: not on the GUI PATH, Node too old, Windows without cmd /c', async () => {
    const missing = await doctorOn({ iam: { ...mcpRemoteEntry('https://a.example/api/mcp', 'x', 'openid'), command: 'npx-nowhere' } });
    expect(missing['config.command-resolvable']?.status).toBe('fail');
    const old = await doctorOn({ iam: mcpRemoteEntry('https://a.example/api/mcp', 'x', 'openid') }, { nodeVersion: 'v18.19.0' });
    expect(old['config.command-resolvable']?.status).toBe('fail');
    expect(old['config.command-resolvable']?.cause).toMatch(/v18.19.0.*Node 20/);
    const win = await doctorOn({ iam: mcpRemoteEntry('https://a.example/api/mcp', 'x', 'openid') }, { platform: 'win32' });
    expect(win['config.command-resolvable']?.status).toBe('fail');
    expect(win['config.command-resolvable']?.fix).toMatch(/cmd/);
    expect(failures(Object.values(win))).toEqual(['config.command-resolvable']);
  });
});

describe('Windows entries with @file arguments', () => {
  it('reads the client id and scopes from the side files the entry builder writes', async () => {
    const home = await tempDir();
    const built = buildIamEntry({ mcpUrl: 'https://iam.example.com/api/mcp', clientId: 'win-client', scopes: 'openid read:application', platform: 'win32', callbackPort: 33418, sideFileDir: home });
    for (const f of built.sideFiles) await fs.writeFile(f.path, f.content);
    const report = await runDoctor({ configPath: await writeConfig(home, { iam: built.entry }), offline: true }, testDeps(home, registry.url, { platform: 'win32' }));
    const c = byId(report.checks);
    expect(report.target).toMatchObject({ clientId: 'win-client', scopes: ['openid', 'read:application'], redirectUri: 'http://127.0.0.1:33418/callback' });
    expect(c['config.scope-names']?.status).toBe('fail');
    expect(c['config.env-ignored']?.status).toBe('pass');
  });
});

describe('entry evidence', () => {
  it('never shows header credentials or a client secret from the args', async () => {
    const entry = mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid');
    (entry.args as string[]).push('--header', 'Authorization: Bearer header-secret-value-123', '--header', 'X-Api-Key: api-key-value-456');
    const args = entry.args as string[];
    args[args.indexOf('--static-oauth-client-info') + 1] = JSON.stringify({ client_id: 'abc', client_secret: 'client-secret-value-789' });
    const c = await doctorOn({ iam: entry });
    const text = JSON.stringify(c);
    for (const s of ['header-secret-value-123', 'api-key-value-456', 'client-secret-value-789']) expect(text).not.toContain(s);
    expect(c['config.entry-present']?.evidence.args).toContain('Authorization: Bearer …(23 chars)');
  });
});

describe('readBridgeEntry', () => {
  it('reads mcp-remote\'s defaults the way mcp-remote 0.15.1 does', () => {
    const url = 'https://iam.example.com/api/mcp';
    const e = readBridgeEntry({ command: 'npx', args: ['-y', 'mcp-remote', url] }, 'darwin');
    const hash = serverUrlHash(url);
    expect(e?.callback).toEqual({ host: 'localhost', port: 3335 + (parseInt(hash.slice(0, 4), 16) % 45816), path: '/oauth/callback', portPinned: false,
      uri: `http://localhost:${3335 + (parseInt(hash.slice(0, 4), 16) % 45816)}/oauth/callback` });
    expect(readBridgeEntry({ command: 'npx', args: ['-y', 'mcp-remote', url] }, 'win32')?.callback?.host).toBe('127.0.0.1');
    const wrapped = readBridgeEntry({ command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote@0.15.1', url, '4000'] }, 'win32');
    expect(wrapped).toMatchObject({ wrapped: true, packageName: 'mcp-remote', packageVersion: '0.15.1', url, callback: { port: 4000, portPinned: true } });
  });
});

describe('a config that yields no entry is blamed once', () => {
  it('invalid JSON: only config.json-valid fails; the URL and scope checks skip instead of repeating it', async () => {
    const c = await doctorOn('{"mcpServers":\n');
    expect(failures(Object.values(c))).toEqual(['config.json-valid']);
    expect(c['config.url-https']?.status).toBe('skip');
    expect(c['config.scope-names']?.status).toBe('skip');
    expect(c['config.url-https']?.cause).toMatch(/config.json-valid/);
  });

  it('no entry of that name: only config.entry-present fails', async () => {
    const c = await doctorOn({ other: mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid') });
    expect(failures(Object.values(c))).toEqual(['config.entry-present']);
    expect(c['config.url-https']?.status).toBe('skip');
  });
});

describe('the guide\'s entry gets fixes with exact values', () => {
  it('scope-names and env-ignored give the exact flags, with the server\'s scope names and the entry\'s client id', async () => {
    const c = await doctorOn({ iam: { command: 'npx', args: ['-y', 'mcp-remote', 'https://iam.example.com/api/mcp'],
      env: { OAUTH_CLIENT_ID: 'abc', OAUTH_SCOPES: 'read:application openid' } } });
    expect(c['config.scope-names']?.fix).toContain(`--static-oauth-client-metadata '{"scope":"application:read openid"}'`);
    expect(c['config.env-ignored']?.fix).toContain(`--static-oauth-client-info '{"client_id":"abc"}'`);
    expect(c['config.env-ignored']?.fix).toContain(`--static-oauth-client-metadata '{"scope":"application:read openid"}'`);
  });
});
