/**
 * bridge.node-version and bridge.callback-port verdicts over injected deps: a PATH whose node is
 * too old or new enough, requirements read from an installed tree, and port holders found
 * through a fake /proc (Linux), lsof (macOS) and netstat (Windows).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeNodeCheck } from '../../../main/core/diagnostics/checks/bridge-node.js';
import { bridgePortCheck } from '../../../main/core/diagnostics/checks/bridge-port.js';
import { readBridgeEntry } from '../../../main/core/diagnostics/entry.js';
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import { bridgeRequirements } from '../../../main/core/bridge-tools/node-requirement.js';
import type { PortProbeDeps } from '../../../main/core/bridge-tools/port-holder.js';
import type { CheckContext, DoctorDeps, DoctorTarget } from '../../../main/core/diagnostics/types.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';

const URL_ = 'https://iam.example.com/api/mcp';
const built = buildIamEntry({ mcpUrl: URL_, clientId: 'abc', platform: 'linux', callbackPort: 28296 });

function ctx(deps: DoctorDeps, target: DoctorTarget): CheckContext {
  return { deps, options: { target }, timeoutMs: 5000, secrets: [], memo: (_k, make) => make(), result: () => undefined };
}

/** Real file reads (node_modules), a fake PATH of executables, a fake `node --version`. */
function nodeCase(version: string, files: Record<string, string> = {}): DoctorDeps {
  const base = nodeDeps({ env: { PATH: '/opt/old/bin' }, platform: 'linux', homedir: '/nonexistent' });
  return {
    ...base,
    fs: {
      ...base.fs,
      readFile: async (p) => (files[p] === undefined ? base.fs.readFile(p) : Buffer.from(files[p])),
      stat: async (p) => {
        if (p === '/opt/old/bin/npx' || p === '/opt/old/bin/node') return { isFile: () => true, isDirectory: () => false, mode: 0o755, size: 1, mtimeMs: 0 } as never;
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
    },
    nodeVersion: async (p) => (p === '/opt/old/bin/node' ? version : undefined),
  };
}

describe('bridge.node-version', () => {
  const target = { name: 'iam', mcpUrl: URL_, entry: readBridgeEntry(built.entry, 'linux')! };

  it.each([['v18.19.0', 'fail'], ['v20.18.0', 'fail'], ['v20.18.1', 'pass'], ['v22.11.0', 'pass']])('node %s → %s', async (version, status) => {
    const out = await bridgeNodeCheck.run(ctx(nodeCase(version), target), new AbortController().signal);
    expect(out.status).toBe(status);
    expect(out.evidence.node).toBe('/opt/old/bin/node');
    if (status === 'fail') {
      expect(out.cause).toContain(`Node ${version} (/opt/old/bin/node)`);
      expect(out.cause).toMatch(/Node >=20\.18\.1 \(undici 7\.\d+\.\d+\)/);
    }
  });

  it('reads the requirement from the installed tree, not a constant', async () => {
    const root = '/fake/project';
    const files: Record<string, string> = {
      [path.join(root, 'node_modules/mcp-remote/package.json')]: JSON.stringify({ name: 'mcp-remote', version: '9.9.9', dependencies: { undici: '*' } }),
      [path.join(root, 'node_modules/mcp-remote/node_modules/undici/package.json')]: JSON.stringify({ name: 'undici', version: '99.0.0', engines: { node: '>=99.1.0' } }),
    };
    const readFile = async (p: string) => { const f = files[p]; if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); return f; };
    const reqs = await bridgeRequirements({ readFile }, path.join(root, 'main/core'));
    expect(reqs).toMatchObject({ version: '9.9.9', requirements: [{ pkg: 'undici', version: '99.0.0', range: '>=99.1.0' }] });
    const real = await bridgeRequirements({ readFile: (p) => fs.readFile(p, 'utf8') });
    expect(real.requirements[0]).toMatchObject({ pkg: 'undici', range: '>=20.18.1' });
  });

  it('an entry that does not run npx or node is not applicable', async () => {
    const entry = readBridgeEntry({ command: '/usr/local/bin/mcp-remote', args: [URL_] }, 'linux')!;
    const out = await bridgeNodeCheck.run(ctx(nodeCase('v22.0.0'), { name: 'iam', entry }), new AbortController().signal);
    expect(out).toMatchObject({ status: 'skip', notApplicable: true });
  });
});

/** /proc as Linux shows a listener on `port` (inode 4242) held by pid 777. */
function fakeLinux(port: number, cmdline: string, ppid: number, extra: Partial<PortProbeDeps> = {}): PortProbeDeps {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const files: Record<string, string> = {
    '/proc/net/tcp': `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:${hex} 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0\n   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5555 1 0000000000000000 100 0 0 10 0\n`,
    '/proc/777/cmdline': cmdline.split(' ').join('\0') + '\0',
    '/proc/777/stat': `777 (node) S ${ppid} 777 777 0 -1`,
    ...(ppid > 1 ? { [`/proc/${ppid}/cmdline`]: '/usr/lib/claude/claude\0' } : {}),
  };
  return {
    platform: 'linux',
    canListen: async (_h, p) => p !== port,
    readFile: async (f) => { const t = files[f]; if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); return t; },
    readdir: async (d) => (d === '/proc' ? ['1', '500', '777', 'self', 'net'] : d === '/proc/777/fd' ? ['0', '1', '19'] : d === '/proc/500/fd' ? ['0'] : Promise.reject(new Error('EACCES'))),
    readlink: async (f) => (f === '/proc/777/fd/19' ? 'socket:[4242]' : f === '/proc/500/fd/0' ? 'socket:[5555]' : '/dev/null'),
    exec: async () => { throw new Error('not used on linux'); },
    ...extra,
  };
}

async function portCheck(probe: PortProbeDeps, configFile?: { path: string; text: string }) {
  const base = nodeDeps({ env: {}, platform: probe.platform, homedir: '/nonexistent' });
  const deps: DoctorDeps = { ...base, portProbe: probe, fs: { ...base.fs, readFile: async (p) => (configFile && p === configFile.path ? Buffer.from(configFile.text) : base.fs.readFile(p)) } };
  const entry = readBridgeEntry(built.entry, probe.platform)!;
  const target: DoctorTarget = { name: 'iam', mcpUrl: URL_, entry, ...(configFile ? { config: { path: configFile.path, explicit: true, state: 'ok' }, configPath: configFile.path } : {}) };
  return bridgePortCheck.run(ctx(deps, target), new AbortController().signal);
}

describe('bridge.callback-port', () => {
  const bridgeCmd = `node /home/u/.npm/_npx/1a2b/node_modules/.bin/mcp-remote ${URL_} 28296 --host 127.0.0.1 --callback-path /callback`;

  it('passes when the port can be bound', async () => {
    const out = await portCheck({ ...fakeLinux(1, '', 1), canListen: async () => true });
    expect(out).toMatchObject({ status: 'pass', evidence: { port: 28296, free: true } });
  });

  it('an orphaned mcp-remote on the port: fail with pid and command line, fix action bridge.stop-stale', async () => {
    const out = await portCheck(fakeLinux(28296, bridgeCmd, 1));
    expect(out.status).toBe('fail');
    expect(out.fixAction).toMatchObject({ action: 'bridge.stop-stale' });
    expect(out.cause).toContain('pid 777');
    expect(out.cause).toContain('mcp-remote https://iam.example.com/api/mcp 28296');
  });

  it('an mcp-remote whose parent still runs is a warning that names the parent', async () => {
    const out = await portCheck(fakeLinux(28296, bridgeCmd, 640));
    expect(out.status).toBe('warn');
    expect(out.cause).toMatch(/parent \(pid 640: \/usr\/lib\/claude\/claude\) still runs/);
  });

  it('another program on the port: named, with a free port and the setup diff', async () => {
    const configPath = '/fake/claude_desktop_config.json';
    const text = `${JSON.stringify({ mcpServers: { iam: built.entry } }, null, 2)}\n`;
    const out = await portCheck(fakeLinux(28296, 'python3 -m http.server 28296', 1), { path: configPath, text });
    expect(out.status).toBe('fail');
    expect(out.cause).toContain('pid 777 (python3 -m http.server 28296)');
    expect(out.evidence.suggestedPort).toBe(28297);
    expect(out.fix).toContain('e.g. 28297');
    expect(out.fixAction).toMatchObject({ action: 'config.set-callback-port', port: 28297 });
    expect(out.fix).toContain('http://127.0.0.1:28297/callback');
    expect(out.evidence.setupDiff).toMatch(/-\s+"28296",\n\+\s+"28297",/);
  });

  it('macOS: the holder comes from lsof and ps', async () => {
    const calls: string[] = [];
    const probe: PortProbeDeps = {
      ...fakeLinux(28296, '', 1), platform: 'darwin',
      exec: async (cmd, args) => { calls.push(`${cmd} ${args.join(' ')}`); return cmd === 'lsof' ? 'p4321\nf12\n' : `${bridgeCmd}\n`; },
    };
    const out = await portCheck(probe);
    expect(calls).toEqual(['lsof -nP -iTCP:28296 -sTCP:LISTEN -Fp', 'ps -o command= -p 4321']);
    expect(out).toMatchObject({ status: 'fail', fixAction: { action: 'bridge.stop-stale' }, evidence: { holder: { pid: 4321 } } });
  });

  it('Windows: the holder comes from netstat and tasklist; no tool at all degrades to an unknown holder', async () => {
    const probe: PortProbeDeps = {
      ...fakeLinux(28296, '', 1), platform: 'win32',
      exec: async (cmd) => (cmd === 'netstat' ? '  TCP    127.0.0.1:28296        0.0.0.0:0              LISTENING       9000\r\n' : '"Code.exe","9000","Console","1","100,000 K"\r\n'),
    };
    const out = await portCheck(probe);
    expect(out.cause).toContain('pid 9000 (Code.exe)');
    const none = await portCheck({ ...probe, exec: async () => { throw new Error('spawn netstat ENOENT'); } });
    expect(none.status).toBe('fail');
    expect(none.cause).toMatch(/could not be identified \(netstat failed \(spawn netstat ENOENT\)\)/);
  });
});
