/**
 * config.* checks: the entry as Claude Desktop will run it. Facts: docs/iam-facts.md, "The guide's
 * errors" 1 (nonexistent package, ignored env vars), 2 (scope names), 5 (redirect URIs).
 */
import path from 'node:path';
import type { CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { GUIDE_SCOPE_FIXES, isLoopbackHost } from './facts.js';
import { scopeNamesCheck } from './scope-names.js';
import { bridgePackageCheck } from './config-package.js';
import { redactArgs } from '../../http/redact.js';
import { locateCommand, statPathPorts } from '../../mcp/bridge-path.js';
import { GUIDE_ENV_VARS, guidePlaceholders } from '../entry-verdict.js';

const na = (key: string, path?: string): Outcome => ({ status: 'skip', notApplicable: true, evidence: {}, ...say(key, { path }) });
const pass = (evidence: Record<string, unknown>): Outcome => ({ status: 'pass', evidence });

/**
 * The config was asked for but yields no entry (missing, unreadable, invalid JSON, no such name):
 * config.found / json-valid / entry-present already fail for that, so the checks that read the
 * entry's URL or scopes skip instead of failing a second time for the same cause.
 */
function noEntryBecauseConfig(ctx: Parameters<CheckDef['run']>[0]): Outcome | undefined {
  const c = ctx.options.target.config;
  if (!c || ctx.options.target.entry) return undefined;
  // An implicit, missing config with --url given is diagnosing from flags (config.found skips).
  if (c.state === 'missing' && !c.explicit && ctx.options.target.mcpUrl) return undefined;
  return { status: 'skip', evidence: { path: c.path, state: c.state }, ...say('no-entry-in-config') };
}

export const configChecks: CheckDef[] = [
  {
    id: 'config.found', area: 'config', title: 'Claude Desktop config file exists',
    async run(ctx) {
      const c = ctx.options.target.config;
      if (!c) return na('no-config');
      const evidence = { path: c.path };
      if (c.state === 'missing') {
        // Diagnosing a server from flags alone is legitimate before setup has written anything.
        if (!c.explicit && ctx.options.target.mcpUrl) return { ...na('no-config', c.path), evidence };
        return { status: 'fail', evidence, ...say('config-missing', { path: c.path }) };
      }
      if (c.state === 'unreadable') return { status: 'fail', evidence, ...say('config-unreadable', { path: c.path, error: c.error }) };
      return pass(evidence);
    },
  },
  {
    id: 'config.json-valid', area: 'config', title: 'Config is valid JSON', needs: ['config.found'],
    async run(ctx) {
      const c = ctx.options.target.config;
      if (!c || c.state === 'missing') return na('no-config');
      if (c.state === 'invalid') {
        return { status: 'fail', evidence: { path: c.path, line: c.line, column: c.column, error: c.error, excerpt: c.excerpt },
          ...say(c.bom ? 'config-bom' : 'config-invalid-json', { path: c.path, line: c.line, column: c.column, error: c.error }) };
      }
      return pass({ path: c.path });
    },
  },
  {
    id: 'config.entry-present', area: 'config', title: 'The server entry is in mcpServers', needs: ['config.json-valid'],
    async run(ctx) {
      const { config: c, name, entry } = ctx.options.target;
      if (!c || c.state !== 'ok') return na('no-config');
      const evidence = { name, entries: c.entryNames };
      if (!entry) return { status: 'fail', evidence, ...say('entry-missing', { name }) };
      return pass({ ...evidence, command: entry.command, args: redactArgs(entry.args) });
    },
  },
  bridgePackageCheck,
  {
    id: 'config.placeholders', area: 'config', title: 'No placeholders left from the guide',
    async run(ctx) {
      const { entry, mcpUrl, clientId } = ctx.options.target;
      const found = guidePlaceholders([mcpUrl ?? '', clientId ?? '', ...(entry?.args ?? []), ...Object.values(entry?.env ?? {})]);
      if (found.length) return { status: 'fail', evidence: { found }, ...say('placeholders', { found: found.map((f) => `"${f}"`).join(', '), many: found.length > 1 ? 1 : undefined }) };
      return pass({ checked: ['url', 'client id', 'args', 'env'] });
    },
  },
  {
    id: 'config.url-https', area: 'config', title: 'MCP URL uses https (or loopback http)',
    async run(ctx) {
      const url = ctx.options.target.mcpUrl;
      if (!url) return noEntryBecauseConfig(ctx) ?? { status: 'fail', evidence: {}, ...say('url-missing') };
      let u: URL;
      try { u = new URL(url); } catch { return { status: 'fail', evidence: { url }, ...say('url-invalid', { url }) }; }
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return { status: 'fail', evidence: { url }, ...say('url-invalid', { url }) };
      if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
        const allowHttp = ctx.options.target.entry?.allowHttp ?? false;
        const https = `https://${u.host}${u.pathname}${u.search}`;
        return { status: allowHttp ? 'warn' : 'fail', evidence: { url, allowHttp }, ...say(allowHttp ? 'url-http-allowed' : 'url-http', { host: u.host, https }) };
      }
      return pass({ url, scheme: u.protocol.slice(0, -1) });
    },
  },
  {
    ...scopeNamesCheck,
    async run(ctx, signal) {
      const { scopes, entry } = ctx.options.target;
      if (!scopes) { const skip = noEntryBecauseConfig(ctx); if (skip) return skip; }
      if (!scopes || scopes.length === 0) return { status: 'warn', evidence: { scopes: [] }, ...say('scope-none') };
      return scopeNamesCheck.run(ctx, signal, scopes, { scopes, source: entry?.scopeSource ?? 'flag' });
    },
  },
  {
    id: 'config.env-ignored', area: 'config', title: 'No env vars the bridge ignores', needs: ['config.entry-present'],
    async run(ctx) {
      const entry = ctx.options.target.entry;
      if (!entry) return na('no-entry');
      const vars = GUIDE_ENV_VARS.filter((v) => v in entry.env);
      if (vars.length === 0) return pass({ env: Object.keys(entry.env) });
      const unused = entry.isMcpRemote && entry.clientIdSource === 'env';
      return { status: unused ? 'fail' : 'warn', evidence: { vars, bridge: entry.packageName },
        ...say('env-ignored', { vars: vars.join(' and '), many: vars.length > 1 ? 1 : undefined, unused: unused ? 1 : undefined,
          clientId: ctx.options.target.clientId, scopes: ctx.options.target.scopes?.map((x) => GUIDE_SCOPE_FIXES[x] ?? x).join(' ') }) };
    },
  },
  {
    id: 'config.command-resolvable', area: 'config', title: 'The command starts from Claude Desktop', needs: ['config.entry-present'],
    async run(ctx) {
      const entry = ctx.options.target.entry;
      if (!entry) return na('no-entry');
      const { platform, env, fs } = ctx.deps;
      const p = platform === 'win32' ? path.win32 : path.posix;
      const base = p.basename(entry.command).toLowerCase();
      if (platform === 'win32' && !entry.wrapped && /^(npx|npm|mcp-remote)(\.cmd)?$/.test(base)) {
        return { status: 'fail', evidence: { command: entry.command }, ...say('windows-no-cmd', { command: entry.command }) };
      }
      const program = entry.wrapped ? (entry.args[1] ?? '') : entry.command;
      // One resolver with the bridge run (bridge-path.ts): the GUI PATH model, `cmd /c` resolving
      // with PATHEXT. Linux has no single desktop PATH: this session's PATH is searched first (a
      // desktop-launched Claude gets it), the systemd default after it.
      const where = await locateCommand(program, platform, env, statPathPorts(fs, platform), undefined, { shell: entry.wrapped });
      const linux = platform === 'linux';
      const resolved = linux ? where.inCurrent ?? where.inGui : where.inGui;
      const searchPath = linux && !(where.inGui && !where.inCurrent) ? env.PATH ?? '' : where.guiPath;
      const evidence: Record<string, unknown> = { command: program, guiPath: searchPath };
      if (!resolved) return { status: 'fail', evidence, ...say('command-missing', { command: program, path: searchPath, hint: platform === 'darwin' ? 'e.g. /opt/homebrew/bin/npx or /usr/local/bin/npx' : 'the output of `which npx`' }) };
      evidence.resolved = resolved;
      if (/^(npx|node|npm)(\.cmd|\.exe)?$/i.test(p.basename(resolved))) {
        const version = await ctx.deps.nodeVersion(p.join(p.dirname(resolved), platform === 'win32' ? 'node.exe' : 'node'));
        evidence.nodeVersion = version;
        const major = version ? Number(/^v?(\d+)/.exec(version)?.[1]) : undefined;
        if (major !== undefined && major < 20) return { status: 'fail', evidence, ...say('node-too-old', { command: program, version }) };
      }
      return pass(evidence);
    },
  },
  {
    id: 'config.callback', area: 'config', title: 'The bridge\'s redirect URI', needs: ['config.entry-present'],
    async run(ctx) {
      const entry = ctx.options.target.entry;
      if (!entry) return na('no-entry');
      if (!entry.isMcpRemote || !entry.callback) {
        return { status: 'warn', evidence: { package: entry.packageName }, ...say('callback-not-mcp-remote') };
      }
      const cb = entry.callback;
      const evidence = { redirectUri: cb.uri, host: cb.host, port: cb.port, path: cb.path, portPinned: cb.portPinned, registerThis: cb.uri };
      if (!cb.portPinned) return { status: 'warn', evidence, ...say('callback-unpinned', { port: cb.port, uri: cb.uri }) };
      return { status: 'pass', evidence, ...say('callback-register', { uri: cb.uri }) };
    },
  },
];
