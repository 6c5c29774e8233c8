import {
  MCP_REMOTE_DEFAULT_CALLBACK_PATH, MCP_REMOTE_PACKAGE, bridgeRedirectUri, mcpRemoteDefaultHost, mcpRemoteDefaultPort, serverUrlHash,
} from '../mcp-remote-facts.js';
import { isPlainObject } from './parse.js';

/** The callback an mcp-remote entry really uses: its flags, else mcp-remote's defaults for the platform. */
export interface EffectiveCallback {
  host: string;
  port: number;
  path: string;
  /** The port is given in the entry (second positional); otherwise derived from the URL's hash. */
  pinned: boolean;
  uri: string;
}

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
  /** `--host`, else mcp-remote's default for the platform (localhost when no platform is given). */
  callbackHost: string;
  callbackPath: string;
  /** Redirect URI the bridge will send; undefined when the port is not fixed in the entry. */
  redirectUri: string | undefined;
  /** For an mcp-remote entry with a URL: the redirect URI it sends, defaults applied. */
  callback: EffectiveCallback | undefined;
  allowHttp: boolean;
  /** Inline JSON value, or `@path` form in the `*File` field. */
  clientInfo: Record<string, unknown> | undefined;
  clientInfoFile: string | undefined;
  clientMetadata: Record<string, unknown> | undefined;
  clientMetadataFile: string | undefined;
  clientId: string | undefined;
  scopes: string | undefined;
}

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
 * reported by path, not read. `platform` selects mcp-remote's default `--host`.
 */
export function describeEntry(raw: unknown, platform?: NodeJS.Platform): EntryDescription {
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
  const callbackHost = flagValue(bridgeArgs, '--host') ?? mcpRemoteDefaultHost(platform);
  const callbackPath = flagValue(bridgeArgs, '--callback-path') ?? MCP_REMOTE_DEFAULT_CALLBACK_PATH;
  let callback: EffectiveCallback | undefined;
  if (packageName === MCP_REMOTE_PACKAGE && url) {
    const cbPath = callbackPath.startsWith('/') ? callbackPath : MCP_REMOTE_DEFAULT_CALLBACK_PATH;
    const port = callbackPort ?? mcpRemoteDefaultPort(serverUrlHash(url));
    callback = { host: callbackHost, port, path: cbPath, pinned: callbackPort !== undefined, uri: bridgeRedirectUri(port, callbackHost, cbPath) };
  }
  const info = jsonArg(flagValue(bridgeArgs, '--static-oauth-client-info'));
  const meta = jsonArg(flagValue(bridgeArgs, '--static-oauth-client-metadata'));
  return {
    command, args, env, cmdWrapper, viaNpx, packageName, packageVersion, url, callbackPort, callbackHost, callbackPath,
    redirectUri: callbackPort === undefined ? undefined : bridgeRedirectUri(callbackPort, callbackHost, callbackPath), callback,
    allowHttp: bridgeArgs.includes('--allow-http'),
    clientInfo: info.json, clientInfoFile: info.file, clientMetadata: meta.json, clientMetadataFile: meta.file,
    clientId: typeof info.json?.client_id === 'string' ? info.json.client_id : undefined,
    scopes: typeof meta.json?.scope === 'string' ? meta.json.scope : undefined,
  };
}
