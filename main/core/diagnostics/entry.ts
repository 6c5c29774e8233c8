/**
 * Reads a Claude Desktop `mcpServers` entry back into the facts the checks need: which package
 * the command runs, the MCP URL, the client id and scopes the bridge will send, and the redirect
 * URI it will use. Rules follow mcp-remote 0.15.1 parseCommandLineArgs (dist/chunk-*.js): the
 * URL is the first positional, an optional numeric second positional pins the callback port,
 * `--host` defaults to `localhost` (`127.0.0.1` on Windows), `--callback-path` to `/oauth/callback`,
 * and an unpinned port is `3335 + parseInt(md5(url…)[0..4], 16) % 45816`.
 */
import { createHash } from 'node:crypto';
import { MCP_REMOTE_DEFAULT_CALLBACK_PATH, MCP_REMOTE_DEFAULT_HOST } from '../mcp-remote-facts.js';

export interface BridgeEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** `cmd /c npx …` on Windows: the command that really runs. */
  wrapped: boolean;
  /** The npm package `npx` runs (`mcp-remote`, `@modelcontextprotocol/server-oauth`, …), if any. */
  packageSpec?: string;
  packageName?: string;
  packageVersion?: string;
  isMcpRemote: boolean;
  /** Arguments after the package. */
  bridgeArgs: string[];
  url?: string;
  clientId?: string;
  /** Where the client id came from. */
  clientIdSource?: 'static-oauth-client-info' | 'env';
  scopes?: string[];
  scopeSource?: 'static-oauth-client-metadata' | 'env';
  callback?: { host: string; port: number; path: string; portPinned: boolean; uri: string };
  allowHttp: boolean;
  /** `--static-…` arguments given as `@file` (not read here). */
  fileArgs: string[];
}

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i !== -1 && i < args.length - 1 ? args[i + 1] : undefined;
}

function parseJsonArg(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw.startsWith('@')) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `@scope/name@1.2.3` → name and version. */
export function splitPackageSpec(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf('@');
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

/** mcp-remote's cache key (getServerUrlHash) for a URL with no extra resource/headers/params. */
export function serverUrlHash(url: string, extras: string[] = []): string {
  return createHash('md5').update([url, ...extras].join('|')).digest('hex');
}

export function mcpRemoteDefaultPort(hash: string): number {
  return 3335 + (parseInt(hash.substring(0, 4), 16) % 45816);
}

const FLAGS_WITH_VALUE = new Set(['--header', '--host', '--callback-path', '--static-oauth-client-metadata', '--static-oauth-client-info',
  '--transport', '--resource', '--authorize-param', '--auth-timeout', '--client-metadata-url', '--token-endpoint',
  '--auth-success-url', '--protocol', '--ignore-tool']);

export function readBridgeEntry(raw: unknown, platform: NodeJS.Platform): BridgeEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const command = typeof r.command === 'string' ? r.command : '';
  let args = Array.isArray(r.args) ? r.args.filter((a): a is string => typeof a === 'string') : [];
  const env: Record<string, string> = {};
  if (r.env && typeof r.env === 'object') for (const [k, v] of Object.entries(r.env)) if (typeof v === 'string') env[k] = v;
  const base = command.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const wrapped = (base === 'cmd' || base === 'cmd.exe') && args[0]?.toLowerCase() === '/c';
  if (wrapped) args = args.slice(2);
  const runner = (wrapped ? (r.args as string[])[1] ?? '' : base).toLowerCase().replace(/\.(cmd|exe)$/, '').split(/[\\/]/).pop() ?? '';
  let packageSpec: string | undefined;
  let rest = args;
  if (runner === 'npx') {
    const i = args.findIndex((a) => !a.startsWith('-'));
    if (i !== -1) { packageSpec = args[i]; rest = args.slice(i + 1); }
  } else if (runner === 'mcp-remote') {
    packageSpec = 'mcp-remote';
  }
  const pkg = packageSpec ? splitPackageSpec(packageSpec) : undefined;
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (FLAGS_WITH_VALUE.has(a)) { i++; continue; }
    if (!a.startsWith('--')) positionals.push(a);
  }
  const url = positionals[0];
  const info = parseJsonArg(flagValue(rest, '--static-oauth-client-info'));
  const meta = parseJsonArg(flagValue(rest, '--static-oauth-client-metadata'));
  const fileArgs = ['--static-oauth-client-info', '--static-oauth-client-metadata'].filter((f) => flagValue(rest, f)?.startsWith('@'));
  let clientId: string | undefined; let clientIdSource: BridgeEntry['clientIdSource'];
  if (typeof info?.client_id === 'string') { clientId = info.client_id; clientIdSource = 'static-oauth-client-info'; }
  else if (env.OAUTH_CLIENT_ID) { clientId = env.OAUTH_CLIENT_ID; clientIdSource = 'env'; }
  let scopes: string[] | undefined; let scopeSource: BridgeEntry['scopeSource'];
  if (typeof meta?.scope === 'string') { scopes = meta.scope.split(' ').filter(Boolean); scopeSource = 'static-oauth-client-metadata'; }
  else if (env.OAUTH_SCOPES) { scopes = env.OAUTH_SCOPES.split(/[\s,]+/).filter(Boolean); scopeSource = 'env'; }
  const isMcpRemote = pkg?.name === 'mcp-remote';
  let callback: BridgeEntry['callback'];
  if (isMcpRemote && url) {
    const host = flagValue(rest, '--host') ?? (platform === 'win32' ? '127.0.0.1' : MCP_REMOTE_DEFAULT_HOST);
    const pathArg = flagValue(rest, '--callback-path');
    const path = pathArg?.startsWith('/') ? pathArg : MCP_REMOTE_DEFAULT_CALLBACK_PATH;
    const pinned = positionals[1] !== undefined && /^\d+$/.test(positionals[1]);
    const port = pinned ? Number(positionals[1]) : mcpRemoteDefaultPort(serverUrlHash(url));
    callback = { host, port, path, portPinned: pinned, uri: `http://${host}:${port}${path}` };
  }
  return {
    command, args: Array.isArray(r.args) ? (r.args as string[]) : [], env, wrapped,
    ...(packageSpec ? { packageSpec } : {}), ...(pkg ? { packageName: pkg.name } : {}), ...(pkg?.version ? { packageVersion: pkg.version } : {}),
    isMcpRemote, bridgeArgs: rest, ...(url ? { url } : {}),
    ...(clientId ? { clientId, clientIdSource } : {}), ...(scopes ? { scopes, scopeSource } : {}),
    ...(callback ? { callback } : {}), allowHttp: rest.includes('--allow-http'), fileArgs,
  };
}
