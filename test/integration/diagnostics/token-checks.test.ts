import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorInput } from '../../../main/core/diagnostics/doctor.js';
import { mcpRemoteConfigDir, serverUrlHash } from '../../../main/core/mcp-remote-facts.js';
import type { DoctorDeps } from '../../../main/core/diagnostics/types.js';
import { startFakeIam, type FakeIam, type FakeIamOptions } from './fake-iam.js';
import { byId, failures, fakeBin, jwt, mcpRemoteEntry, startFakeRegistry, tempDir, testDeps, writeConfig } from './helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => { while (open.length) await open.pop()?.close(); });


async function against(iam: FakeIamOptions, input: (s: FakeIam) => Promise<Partial<DoctorInput>>, scopes = 'openid profile email application:read',
  setup?: (home: string, s: FakeIam) => Promise<void>, over: Partial<DoctorDeps> = {}) {
  const server = await startFakeIam(iam);
  const registry = await startFakeRegistry();
  open.push(server, registry);
  const home = await tempDir();
  await fakeBin(home);
  await setup?.(home, server);
  const configPath = await writeConfig(home, { iam: mcpRemoteEntry(server.mcpUrl, 'client-123', scopes) });
  const report = await runDoctor({ configPath, timeoutMs: 3000, ...(await input(server)) }, testDeps(home, registry.url, over));
  return { report, c: byId(report.checks), home };
}

const flagToken = async (t: string) => ({ token: { accessToken: t, origin: 'flag' as const } });

describe('scope.* and token.*', () => {
  it('a token with the scopes passes scope, expiry and tool access', async () => {
    const t = await jwt({ scope: 'openid profile email application:read', azp: 'client-123', owner: 'admin' });
    const { report, c } = await against({ tokens: { [t]: ['openid', 'profile', 'email', 'application:read'] } }, () => flagToken(t));
    expect(failures(report.checks)).toEqual([]);
    expect(c['scope.granted']?.status).toBe('pass');
    expect(c['scope.tool-access']?.status).toBe('pass');
    expect(c['scope.tool-access']?.evidence.call).toEqual({ tool: 'get_applications', arguments: { owner: 'admin' } });
    expect(c['token.expiry']?.status).toBe('pass');
    expect(c['token.refresh']?.status).toBe('skip');
    expect(c['token.refresh']?.cause).toMatch(/a given access token comes without a refresh token/);
  });

  it('a token without an owner claim calls get_applications for the built-in organization (server-facts DEFAULT_OWNER)', async () => {
    const t = await jwt({ scope: 'openid profile email application:read', azp: 'client-123' });
    const { c } = await against({ tokens: { [t]: ['openid', 'profile', 'email', 'application:read'] } }, () => flagToken(t));
    expect(c['scope.tool-access']?.status).toBe('pass');
    expect(c['scope.tool-access']?.evidence.call).toEqual({ tool: 'get_applications', arguments: { owner: 'built-in' } });
  });

  it('the guide\'s scope names: insufficient_scope in Casdoor\'s dialect, with the metadata value to use', async () => {
    const t = await jwt({ scope: 'openid read:application' });
    const { report, c } = await against({ tokens: { [t]: ['openid', 'read:application'] } }, () => flagToken(t), 'openid read:application');
    const s = c['scope.tool-access'];
    expect(s?.status).toBe('fail');
    expect(s?.cause).toMatch(/needs "application:read"/);
    expect(s?.fix).toContain(`--static-oauth-client-metadata '{"scope":"openid read:application application:read"}'`);
    UNRELATED(failures(report.checks), ['scope.tool-access', 'config.scope-names']);
  });

  it('insufficient_scope in the spec dialect (403 + WWW-Authenticate), and a write probe', async () => {
    const t = await jwt({ scope: 'application:read' });
    const { c } = await against({ dialect: 'spec', tokens: { [t]: ['application:read'] } }, async () => ({ ...(await flagToken(t)), probeWrite: true }), 'application:read');
    expect(c['scope.tool-access']?.status).toBe('fail');
    expect(c['scope.tool-access']?.cause).toMatch(/delete_application.*needs "application:write"/);
  });

  it('requested but not granted scopes fail scope.granted; a rejected token is named', async () => {
    const t = await jwt({ scope: 'openid profile' });
    const { c } = await against({ tokens: {} }, () => flagToken(t), 'openid profile application:write');
    expect(c['scope.granted']?.status).toBe('fail');
    expect(c['scope.granted']?.cause).toMatch(/lacks requested scopes application:write/);
    expect(c['scope.tool-access']?.status).toBe('fail');
    expect(c['scope.tool-access']?.cause).toMatch(/rejected the token/);
  });

  it('an expired token fails token.expiry', async () => {
    const t = await jwt({ scope: 'application:read' }, -120);
    const { c } = await against({}, () => flagToken(t));
    expect(c['token.expiry']?.status).toBe('fail');
    expect(c['token.expiry']?.cause).toMatch(/expired 2 min ago/);
  });

  it('token.refresh: works, refused when the grant is off, dies-with-access warns', async () => {
    const access = await jwt({ scope: 'application:read' }, 3600);
    const refresh = await jwt({ typ: 'refresh' }, 7200);
    const login = async () => ({ token: { accessToken: access, refreshToken: refresh, origin: 'login' as const } });
    expect((await against({}, login)).c['token.refresh']?.status).toBe('pass');
    const off = (await against({ refreshEnabled: false }, login)).c['token.refresh'];
    expect(off?.status).toBe('fail');
    expect(off?.fix).toMatch(/Enable Refresh Token/);
    const short = await jwt({ typ: 'refresh' }, 3600);
    const dies = (await against({}, async () => ({ token: { accessToken: access, refreshToken: short, origin: 'login' as const } }))).c['token.refresh'];
    expect(dies?.status).toBe('warn');
  });
});

const UNRELATED = (fails: string[], allowed: string[]) => expect(fails.filter((f) => !allowed.includes(f))).toEqual([]);

describe('bridge.token-cache and claude.*', () => {
  const cache = (home: string) => path.join(home, '.mcp-auth', 'mcp-remote-v1');
  async function writeCache(home: string, url: string, tokens: Record<string, unknown>) {
    await fs.mkdir(cache(home), { recursive: true });
    await fs.writeFile(path.join(cache(home), `${serverUrlHash(url)}_tokens.json`), JSON.stringify(tokens));
  }

  it('foreign client, other scopes, expired without refresh; --use-bridge-cache uses the token', async () => {
    const foreign = await jwt({ azp: 'someone-else', scope: 'application:read' });
    const a = await against({}, async () => ({ offline: true }), undefined, (home, s) => writeCache(home, s.mcpUrl, { access_token: foreign, token_type: 'Bearer' }));
    expect(a.c['bridge.token-cache']?.status).toBe('fail');
    expect(a.c['bridge.token-cache']?.fixAction?.action).toBe('bridge.clear-cache');
    expect(a.c['bridge.token-cache']?.cause).toMatch(/"someone-else"/);
    const mine = await jwt({ azp: 'client-123' });
    const b = await against({}, async () => ({ offline: true }), undefined, (home, s) => writeCache(home, s.mcpUrl,
      { access_token: mine, token_type: 'Bearer', requested_scope: 'openid' }));
    expect(b.c['bridge.token-cache']?.cause).toMatch(/for the scopes "openid"/);
    const old = await jwt({ azp: 'client-123', scope: 'application:read' }, -600);
    const c = await against({ tokens: { [old]: ['application:read'] } }, async () => ({ useBridgeCache: true }), undefined,
      (home, s) => writeCache(home, s.mcpUrl, { access_token: old, token_type: 'Bearer', expires_at: Date.now() - 600_000 }));
    expect(c.c['bridge.token-cache']?.status).toBe('warn');
    expect(c.report.target.tokenSource).toBe('bridge-cache');
    expect(c.c['token.expiry']?.status).toBe('fail');
    // MCP_REMOTE_CONFIG_DIR in the entry's env moves the cache (Claude starts the bridge with it).
    const moved = await startFakeIam({});
    open.push(moved);
    const home = await tempDir();
    const other = path.join(home, 'elsewhere');
    const entry = { ...mcpRemoteEntry(moved.mcpUrl, 'client-123', 'openid'), env: { MCP_REMOTE_CONFIG_DIR: other } };
    await fs.mkdir(path.join(other, 'mcp-remote-v1'), { recursive: true });
    await fs.writeFile(path.join(other, 'mcp-remote-v1', `${serverUrlHash(moved.mcpUrl)}_tokens.json`), JSON.stringify({ access_token: foreign, token_type: 'Bearer' }));
    const movedReport = await runDoctor({ configPath: await writeConfig(home, { iam: entry }), offline: true }, testDeps(home, 'http://127.0.0.1:9'));
    expect(byId(movedReport.checks)['bridge.token-cache']?.evidence.dir).toBe(path.join(other, 'mcp-remote-v1'));
    expect(byId(movedReport.checks)['bridge.token-cache']?.status).toBe('fail');
    const none = await against({}, async () => ({ offline: true }));
    expect(none.c['bridge.token-cache']?.status).toBe('pass');
  });

  it('reads the cache Claude\'s bridge uses: the helper\'s own MCP_REMOTE_CONFIG_DIR never reaches it', async () => {
    const iam = await startFakeIam({});
    open.push(iam);
    const home = await tempDir();
    const appDir = path.join(home, 'app-env-dir');
    await fs.mkdir(path.join(appDir, 'mcp-remote-v1'), { recursive: true });
    await fs.writeFile(path.join(appDir, 'mcp-remote-v1', `${serverUrlHash(iam.mcpUrl)}_tokens.json`),
      JSON.stringify({ access_token: await jwt({ azp: 'someone-else' }), token_type: 'Bearer' }));
    const deps = testDeps(home, 'http://127.0.0.1:9');
    const report = await runDoctor({ configPath: await writeConfig(home, { iam: mcpRemoteEntry(iam.mcpUrl, 'client-123', 'openid') }), offline: true },
      { ...deps, env: { ...deps.env, MCP_REMOTE_CONFIG_DIR: appDir } });
    const check = byId(report.checks)['bridge.token-cache'];
    expect(check?.evidence.dir).toBe(cache(home));
    expect(check?.status).toBe('pass');
    expect(check?.evidence.cached).toBe(false);
  });

  it('mcpRemoteConfigDir: the entry env\'s MCP_REMOTE_CONFIG_DIR, else <homedir>/.mcp-auth in the platform\'s path syntax', () => {
    expect(mcpRemoteConfigDir({ homedir: 'C:\\Users\\u', platform: 'win32' })).toBe('C:\\Users\\u\\.mcp-auth');
    expect(mcpRemoteConfigDir({ homedir: '/home/u', platform: 'linux', entryEnv: { MCP_REMOTE_CONFIG_DIR: '/x' } })).toBe('/x');
    expect(mcpRemoteConfigDir({ homedir: '/home/u', entryEnv: { MCP_REMOTE_CONFIG_DIR: '' } })).toBe('/home/u/.mcp-auth');
  });

  it('Claude running with a newer config warns; the MCP log\'s errors are matched to checks', async () => {
    const started = Date.now() - 3_600_000;
    const run = await against({}, async () => ({ offline: true }), undefined, async (home) => {
      await fs.mkdir(path.join(home, '.config', 'Claude', 'logs'), { recursive: true });
      await fs.writeFile(path.join(home, '.config', 'Claude', 'logs', 'mcp-server-iam.log'), [
        '2026-11-26T10:00:00Z [iam] [info] Server started',
        '2026-11-26T10:00:01Z [iam] [error] npm error 404 Not Found - GET https://registry.npmjs.org/@modelcontextprotocol%2fserver-oauth',
        '2026-11-26T10:00:02Z [iam] [error] {"error":{"code":-32001,"message":"insufficient_scope"}} {"refreshToken":"rt-secret-0123456789"} Authorization: Bearer eyJabcdefghijklmnop',
      ].join('\n'));
    }, { listProcesses: async () => [{ name: 'bash' }, { name: 'claude', startedAtMs: started }] });
    expect(run.c['claude.running']?.status).toBe('warn');
    expect(run.c['claude.running']?.fixAction?.action).toBe('claude.restart-hint');
    const logs = run.c['claude.logs'];
    expect(logs?.status).toBe('warn');
    expect(logs?.cause).toMatch(/config.bridge-package.*scope.tool-access/);
    expect(JSON.stringify(logs)).not.toContain('eyJabcdefghijklmnop');
    expect(JSON.stringify(logs)).not.toContain('rt-secret-0123456789');
    const quiet = await against({}, async () => ({ offline: true }), undefined, undefined, { listProcesses: async () => [{ name: 'claude', startedAtMs: Date.now() + 60_000 }] });
    expect(quiet.c['claude.running']?.status).toBe('pass');
    expect(quiet.c['claude.logs']?.status).toBe('skip');
  });
});
