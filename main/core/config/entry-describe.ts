import {
  GUIDE_BRIDGE_PACKAGE, MCP_REMOTE_DEFAULT_CALLBACK_PATH, MCP_REMOTE_DEFAULT_HOST, MCP_REMOTE_PACKAGE, MCP_REMOTE_VERSION,
  bridgeRedirectUri,
} from '../mcp-remote-facts.js';
import { GUIDE_SCOPE_FIXES } from './entry-builder.js';
import { isPlainObject } from './parse.js';

/** What an existing `mcpServers` entry does, read back for the doctor and the bridge runner. */
export interface EntryDescription {
  command: string | undefined;
  args: string[];
  env: Record<string, string>;
  /** Wrapped as `cmd /c ...` (Windows). */
  cmdWrapper: boolean;
  /** `npx` (or a path to it) runs the package. */
  viaNpx: boolean;
  packageName: string | undefined;
  packageVersion: string | undefined;
  url: string | undefined;
  callbackPort: number | undefined;
  callbackHost: string;
  callbackPath: string;
  /** Redirect URI the bridge will send; undefined when the port is not fixed in the entry. */
  redirectUri: string | undefined;
  allowHttp: boolean;
  /** Inline JSON value, or `@path` form in the `*File` field. */
  clientInfo: Record<string, unknown> | undefined;
  clientInfoFile: string | undefined;
  clientMetadata: Record<string, unknown> | undefined;
  clientMetadataFile: string | undefined;
  clientId: string | undefined;
  scopes: string | undefined;
}

export interface EntryProblem { id: string; message: string }

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i !== -1 && i < args.length - 1 ? args[i + 1] : undefined;
}

function jsonArg(value: string | undefined): { json?: Record<string, unknown>; file?: string } {
  if (value === undefined) return {};
  if (value.startsWith('@')) return { file: value.slice(1) };
  try {
    const v: unknown = JSON.parse(value);
    return isPlainObject(v) ? { json: v } : {};
  } catch {
    return {};
  }
}

function splitPackage(spec: string): { name: string; version: string | undefined } {
  const at = spec.lastIndexOf('@');
  return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : { name: spec, version: undefined };
}

/**
 * Reads an entry the way Claude Desktop and mcp-remote 0.15.1 would (parseCommandLineArgs: URL is
 * the first argument, an optional port the second, flags anywhere). Pure; `@file` arguments are
 * reported by path, not read.
 */
export function describeEntry(raw: unknown): EntryDescription {
  const obj = isPlainObject(raw) ? raw : {};
  const command = typeof obj.command === 'string' ? obj.command : undefined;
  const args = Array.isArray(obj.args) ? obj.args.filter((a): a is string => typeof a === 'string') : [];
  const env: Record<string, string> = {};
  if (isPlainObject(obj.env)) for (const [k, v] of Object.entries(obj.env)) if (typeof v === 'string') env[k] = v;

  const base = (s: string | undefined) => (s ?? '').split(/[\\/]/).pop()?.toLowerCase().replace(/\.(cmd|exe)$/, '') ?? '';
  const cmdWrapper = base(command) === 'cmd' && (args[0] ?? '').toLowerCase() === '/c';
  const rest = cmdWrapper ? args.slice(1) : args;
  let runner = cmdWrapper ? rest.shift() : command;
  const viaNpx = base(runner) === 'npx';
  let packageName: string | undefined;
  let packageVersion: string | undefined;
  let bridgeArgs = rest;
  if (viaNpx) {
    const pkgIndex = rest.findIndex((a) => !a.startsWith('-'));
    if (pkgIndex !== -1) {
      ({ name: packageName, version: packageVersion } = splitPackage(rest[pkgIndex] ?? ''));
      bridgeArgs = rest.slice(pkgIndex + 1);
    }
  } else if (runner && /mcp-remote/.test(base(runner))) {
    packageName = MCP_REMOTE_PACKAGE;
  } else {
    runner = undefined;
  }
  const positionals = bridgeArgs.filter((a, i) => !a.startsWith('--') && !(bridgeArgs[i - 1] ?? '').startsWith('--'));
  const url = bridgeArgs[0] && !bridgeArgs[0].startsWith('--') ? bridgeArgs[0] : positionals[0];
  const portArg = bridgeArgs[0] === url ? bridgeArgs[1] : undefined;
  const callbackPort = portArg && /^\d+$/.test(portArg) ? Number(portArg) : undefined;
  const callbackHost = flagValue(bridgeArgs, '--host') ?? MCP_REMOTE_DEFAULT_HOST;
  const callbackPath = flagValue(bridgeArgs, '--callback-path') ?? MCP_REMOTE_DEFAULT_CALLBACK_PATH;
  const info = jsonArg(flagValue(bridgeArgs, '--static-oauth-client-info'));
  const meta = jsonArg(flagValue(bridgeArgs, '--static-oauth-client-metadata'));
  return {
    command, args, env, cmdWrapper, viaNpx, packageName, packageVersion, url, callbackPort, callbackHost, callbackPath,
    redirectUri: callbackPort === undefined ? undefined : bridgeRedirectUri(callbackPort, callbackHost, callbackPath),
    allowHttp: bridgeArgs.includes('--allow-http'),
    clientInfo: info.json, clientInfoFile: info.file, clientMetadata: meta.json, clientMetadataFile: meta.file,
    clientId: typeof info.json?.client_id === 'string' ? info.json.client_id : undefined,
    scopes: typeof meta.json?.scope === 'string' ? meta.json.scope : undefined,
  };
}

/** Known mistakes in an entry (hanzo-iam-facts.md, "The guide's errors"). Empty means none found. */
export function lintEntry(raw: unknown, platform: NodeJS.Platform): EntryProblem[] {
  const d = describeEntry(raw);
  const out: EntryProblem[] = [];
  if (!d.command) out.push({ id: 'entry.command-missing', message: 'the entry has no "command"' });
  if (d.packageName === GUIDE_BRIDGE_PACKAGE) out.push({ id: 'entry.guide-package', message: `${GUIDE_BRIDGE_PACKAGE} does not exist on npm; use ${MCP_REMOTE_PACKAGE}` });
  else if (d.packageName !== MCP_REMOTE_PACKAGE) out.push({ id: 'entry.not-mcp-remote', message: `the entry does not run ${MCP_REMOTE_PACKAGE}` });
  else if (d.packageVersion !== MCP_REMOTE_VERSION) out.push({ id: 'entry.version-unpinned', message: `mcp-remote is not pinned to the tested ${MCP_REMOTE_VERSION} (found ${d.packageVersion ?? 'none'})` });
  for (const key of ['OAUTH_CLIENT_ID', 'OAUTH_SCOPES']) {
    if (key in d.env) out.push({ id: 'entry.guide-env', message: `${key} is ignored by mcp-remote; pass --static-oauth-client-info/-metadata` });
  }
  if (d.packageName === MCP_REMOTE_PACKAGE) {
    if (!d.clientId && !d.clientInfoFile) out.push({ id: 'entry.client-id-missing', message: 'no --static-oauth-client-info with a client_id' });
    if (d.callbackPort === undefined) out.push({ id: 'entry.port-unfixed', message: 'no fixed callback port: the redirect URI changes between runs' });
    if (d.callbackHost === 'localhost' || d.callbackPath !== '/callback') {
      out.push({ id: 'entry.redirect-default', message: `the bridge sends ${d.redirectUri ?? `http://${d.callbackHost}:<port>${d.callbackPath}`}, which the newer server rejects for a http://127.0.0.1:*/callback registration` });
    }
  }
  for (const s of (d.scopes ?? '').split(' ')) {
    const fix = GUIDE_SCOPE_FIXES[s];
    if (fix) out.push({ id: 'entry.guide-scope', message: `scope "${s}" should be "${fix}"` });
  }
  if (platform === 'win32' && d.cmdWrapper && (d.clientInfo || d.clientMetadata)) {
    out.push({ id: 'entry.windows-inline-json', message: 'inline JSON through cmd /c loses its quotes; pass it as @<file>' });
  }
  if (platform === 'win32' && d.viaNpx && !d.cmdWrapper) out.push({ id: 'entry.windows-npx', message: 'on Windows npx must run as "cmd /c npx ..."' });
  return out;
}
