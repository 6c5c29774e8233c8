import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HelperError } from '../../../main/core/errors.js';
import { buildIamEntry, defaultCallbackPort, DEFAULT_SCOPES } from '../../../main/core/config/entry-builder.js';
import { describeEntry } from '../../../main/core/config/entry-describe.js';
import { MCP_REMOTE_VERSION, mcpRemoteDefaultPort, serverUrlHash } from '../../../main/core/mcp-remote-facts.js';

const URL_ = 'https://iam.example.com/api/mcp';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HelperError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('buildIamEntry', () => {
  it('builds the mcp-remote entry with a fixed 127.0.0.1 /callback redirect (macOS/Linux)', () => {
    const b = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', scopes: 'openid application:read', platform: 'linux', callbackPort: 33418 });
    expect(b.entry).toEqual({
      command: 'npx',
      args: ['-y', `mcp-remote@${MCP_REMOTE_VERSION}`, URL_, '33418', '--host', '127.0.0.1', '--callback-path', '/callback',
        '--static-oauth-client-info', '{"client_id":"abc"}', '--static-oauth-client-metadata', '{"scope":"openid application:read"}'],
    });
    expect(b.redirectUris).toEqual(['http://127.0.0.1:33418/callback']);
    expect(b.sideFiles).toEqual([]);
  });

  it('uses every flag exactly as the installed mcp-remote parses it', () => {
    const dist = 'node_modules/mcp-remote/dist';
    const src = readdirSync(dist).filter((f) => /^chunk-.*\.js$/.test(f)).map((f) => readFileSync(`${dist}/${f}`, 'utf8')).join('\n');
    const parser = src.slice(src.indexOf('async function parseCommandLineArgs'));
    expect(parser.length).toBeGreaterThan(1000);
    const b = buildIamEntry({ mcpUrl: 'http://[::1]:8000/mcp', clientId: 'abc', platform: 'linux' });
    for (const flag of b.entry.args.filter((a) => a.startsWith('--'))) expect(parser).toContain(`"${flag}"`);
    expect(b.entry.args).toContain('--allow-http');
    expect(JSON.parse(readFileSync('node_modules/mcp-remote/package.json', 'utf8')).version).toBe(MCP_REMOTE_VERSION);
    // `@path` is read for both static JSON flags (the Windows form relies on it).
    expect(parser).toMatch(/staticOAuthClientMetadataArg\.startsWith\("@"\)/);
    expect(parser).toMatch(/staticOAuthClientInfoArg\.startsWith\("@"\)/);
  });

  it('Windows: cmd /c npx with @file JSON arguments and side files to write', () => {
    const b = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'win32', callbackPort: 20001, sideFileDir: 'C:\\Users\\c\\AppData\\Roaming\\iam-mcp-helper\\bridge' });
    expect(b.entry.command).toBe('cmd');
    expect(b.entry.args.slice(0, 4)).toEqual(['/c', 'npx', '-y', `mcp-remote@${MCP_REMOTE_VERSION}`]);
    const info = b.entry.args[b.entry.args.indexOf('--static-oauth-client-info') + 1];
    expect(info).toBe('@C:\\Users\\c\\AppData\\Roaming\\iam-mcp-helper\\bridge\\iam.example.com-20001-client-info.json');
    expect(b.sideFiles.map((f) => JSON.parse(f.content))).toEqual([{ client_id: 'abc' }, { scope: DEFAULT_SCOPES }]);
    expect(b.entry.args.some((a) => a.includes('"'))).toBe(false);
    expect(b.warnings).toEqual([]);
    const spaced = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'win32', sideFileDir: 'C:\\Users\\A B\\x' });
    expect(spaced.warnings[0]).toContain('space');
  });

  it('Windows: refuses a URL that cmd /c would split or rewrite; other platforms take it as one argument', () => {
    const win = { clientId: 'abc', platform: 'win32' as const, sideFileDir: 'C:\\x' };
    for (const mcpUrl of ['https://iam.example.com/mcp?a=1&b=2', 'https://iam.example.com/mcp?x=%PATH%', 'https://iam.example.com/m cp', 'https://iam.example.com/mcp?a=^|b']) {
      expect({ mcpUrl, code: code(() => buildIamEntry({ ...win, mcpUrl })) }).toEqual({ mcpUrl, code: 'ENTRY_URL_INVALID' });
    }
    expect(buildIamEntry({ ...win, mcpUrl: 'https://iam.example.com/mcp?a=1' }).entry.args).toContain('https://iam.example.com/mcp?a=1');
    expect(buildIamEntry({ mcpUrl: 'https://iam.example.com/mcp?a=1&b=2', clientId: 'abc', platform: 'darwin' }).entry.args)
      .toContain('https://iam.example.com/mcp?a=1&b=2');
  });

  it('default port is fixed, in range and stable per URL; npxPath is used', () => {
    const p = defaultCallbackPort(URL_);
    expect(p).toBe(defaultCallbackPort(URL_));
    expect(p).toBeGreaterThanOrEqual(20000);
    expect(p).toBeLessThan(30000);
    const b = buildIamEntry({ mcpUrl: URL_, clientId: 'a', platform: 'darwin', npxPath: '/opt/homebrew/bin/npx' });
    expect(b.entry.command).toBe('/opt/homebrew/bin/npx');
    expect(b.entry.args[3]).toBe(String(p));
    expect(b.scopes).toBe(DEFAULT_SCOPES);
  });

  it('refuses bad input', () => {
    const base = { mcpUrl: URL_, clientId: 'abc', platform: 'linux' as const };
    expect(code(() => buildIamEntry({ ...base, mcpUrl: 'ftp://x/mcp' }))).toBe('ENTRY_URL_INVALID');
    expect(code(() => buildIamEntry({ ...base, mcpUrl: 'not a url' }))).toBe('ENTRY_URL_INVALID');
    expect(code(() => buildIamEntry({ ...base, mcpUrl: 'http://iam.example.com/mcp' }))).toBe('ENTRY_URL_INSECURE');
    expect(buildIamEntry({ ...base, mcpUrl: 'http://iam.example.com/mcp', allowHttp: true }).entry.args).toContain('--allow-http');
    expect(buildIamEntry({ ...base, mcpUrl: 'http://127.0.0.1:8000/mcp' }).entry.args).not.toContain('--allow-http');
    expect(code(() => buildIamEntry({ ...base, clientId: '  ' }))).toBe('ENTRY_CLIENT_ID_EMPTY');
    expect(code(() => buildIamEntry({ ...base, scopes: 'openid "bad"' }))).toBe('ENTRY_SCOPES_INVALID');
    expect(code(() => buildIamEntry({ ...base, scopes: 'openid\\x' }))).toBe('ENTRY_SCOPES_INVALID');
    expect(code(() => buildIamEntry({ ...base, scopes: 'café' }))).toBe('ENTRY_SCOPES_INVALID');
    expect(code(() => buildIamEntry({ ...base, scopes: '   ' }))).toBe('ENTRY_SCOPES_INVALID');
    expect(code(() => buildIamEntry({ ...base, callbackPort: 70000 }))).toBe('ENTRY_PORT_INVALID');
    expect(code(() => buildIamEntry({ ...base, platform: 'win32' }))).toBe('ENTRY_SIDE_DIR_MISSING');
  });

  it('warns about the guide\'s scope names', () => {
    expect(buildIamEntry({ mcpUrl: URL_, clientId: 'a', platform: 'linux', scopes: 'read:application' }).warnings[0]).toContain('application:read');
  });
});

describe('describeEntry', () => {
  it('reads a built entry back (both forms)', () => {
    const b = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'linux', callbackPort: 23456, scopes: 'openid user:read' });
    expect(describeEntry(b.entry)).toMatchObject({
      packageName: 'mcp-remote', packageVersion: MCP_REMOTE_VERSION, url: URL_, callbackPort: 23456, callbackHost: '127.0.0.1',
      callbackPath: '/callback', redirectUri: 'http://127.0.0.1:23456/callback', clientId: 'abc', scopes: 'openid user:read', cmdWrapper: false,
    });
    const w = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'win32', callbackPort: 23456, sideFileDir: 'C:\\d' });
    expect(describeEntry(w.entry)).toMatchObject({ cmdWrapper: true, viaNpx: true, url: URL_, callbackPort: 23456, clientInfoFile: 'C:\\d\\iam.example.com-23456-client-info.json' });
  });

  it('applies mcp-remote\'s defaults: per-platform host, port derived from the URL, /oauth/callback', () => {
    const defaults = { command: 'npx', args: ['-y', 'mcp-remote', URL_, '--static-oauth-client-info', '{"client_id":"a"}', '--static-oauth-client-metadata', '{"scope":"read:user"}'] };
    const port = mcpRemoteDefaultPort(serverUrlHash(URL_));
    expect(port).toBe(3335 + (parseInt(serverUrlHash(URL_).slice(0, 4), 16) % 45816));
    expect(describeEntry(defaults).callback).toEqual({ host: 'localhost', port, path: '/oauth/callback', pinned: false, uri: `http://localhost:${port}/oauth/callback` });
    expect(describeEntry(defaults, 'win32')).toMatchObject({ callbackHost: '127.0.0.1', callback: { host: '127.0.0.1', port, pinned: false } });
    const pinned = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'win32', callbackPort: 23456, sideFileDir: 'C:\\d' });
    expect(describeEntry(pinned.entry, 'win32').callback).toEqual({ host: '127.0.0.1', port: 23456, path: '/callback', pinned: true, uri: 'http://127.0.0.1:23456/callback' });
    expect(describeEntry({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-oauth', URL_] }).callback).toBeUndefined();
    expect(describeEntry(defaults)).toMatchObject({ callbackHost: 'localhost', callbackPath: '/oauth/callback', redirectUri: undefined });
  });
});

describe('refusals name the value, not a door\'s control (the CLI adds its flag)', () => {
  const refusal = (input: Partial<Parameters<typeof buildIamEntry>[0]>) => {
    try { buildIamEntry({ mcpUrl: 'https://iam.example.com/api/mcp', clientId: 'abc', platform: 'linux', ...input }); } catch (error) { return error as HelperError; }
    throw new Error('not refused');
  };
  it('says which value is wrong in words both doors can show', async () => {
    const cases = [
      refusal({ mcpUrl: 'not a url' }), refusal({ mcpUrl: 'ftp://x/y' }), refusal({ mcpUrl: 'https://u:p@iam.example.com/api/mcp' }),
      refusal({ mcpUrl: 'http://iam.example.com/api/mcp' }), refusal({ scopes: '   ' }), refusal({ scopes: 'a"b' }),
      refusal({ clientId: '' }), refusal({ clientId: 'a b' }),
    ];
    for (const e of cases) expect(e.message).not.toMatch(/--[a-z]/);
    expect(cases.map((e) => e.code)).toEqual(['ENTRY_URL_INVALID', 'ENTRY_URL_INVALID', 'ENTRY_URL_INVALID', 'ENTRY_URL_INSECURE', 'ENTRY_SCOPES_INVALID', 'ENTRY_SCOPES_INVALID', 'ENTRY_CLIENT_ID_EMPTY', 'ENTRY_CLIENT_ID_INVALID']);
    const { usageOnBadEntry } = await import('../../../main/cli/entry-errors.js');
    expect(() => usageOnBadEntry(() => buildIamEntry({ mcpUrl: 'http://iam.example.com/api/mcp', clientId: 'abc', platform: 'linux' })))
      .toThrow(/^The MCP URL uses http for the non-loopback host iam\.example\.com, .*; use its https address \(--url; pass --allow-http if you really mean it\)$/);
  });
});
