/**
 * The facts the checks need from a Claude Desktop `mcpServers` entry: which package the command
 * runs, the MCP URL, the client id and scopes the bridge will send, and the redirect URI it will
 * use. Rules follow mcp-remote 0.15.1 parseCommandLineArgs (dist/chunk-*.js): the
 * URL is the first positional, an optional numeric second positional pins the callback port,
 * `--host` defaults to `localhost` (`127.0.0.1` on Windows), `--callback-path` to `/oauth/callback`,
 * and an unpinned port is `3335 + parseInt(md5(url…)[0..4], 16) % 45816`.
 */
import { createHash } from 'node:crypto';
import { MCP_REMOTE_DEFAULT_CALLBACK_PATH, MCP_REMOTE_DEFAULT_HOST, MCP_REMOTE_PACKAGE } from '../mcp-remote-facts.js';
import { describeEntry } from '../config/entry-describe.js';

/** Entry arguments fit for evidence (one redactor for the doctor and the bridge). */
export { redactArgs } from '../http/redact.js';

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
  /** Paths of `@file` client info / metadata (Windows entries), read by runDoctor. */
  infoFile?: string;
  metadataFile?: string;
}

/** mcp-remote's cache key (getServerUrlHash) for a URL with no extra resource/headers/params. */
export function serverUrlHash(url: string, extras: string[] = []): string {
  return createHash('md5').update([url, ...extras].join('|')).digest('hex');
}

export function mcpRemoteDefaultPort(hash: string): number {
  return 3335 + (parseInt(hash.substring(0, 4), 16) % 45816);
}

/**
 * The entry read back by the config engine (describeEntry), plus what the checks need on top:
 * mcp-remote's platform default host and derived port, and the guide's env vars as a fallback
 * source of client id and scopes.
 */
export function readBridgeEntry(raw: unknown, platform: NodeJS.Platform): BridgeEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const d = describeEntry(raw);
  const env = d.env;
  let clientId: string | undefined; let clientIdSource: BridgeEntry['clientIdSource'];
  if (d.clientId) { clientId = d.clientId; clientIdSource = 'static-oauth-client-info'; }
  else if (env.OAUTH_CLIENT_ID) { clientId = env.OAUTH_CLIENT_ID; clientIdSource = 'env'; }
  let scopes: string[] | undefined; let scopeSource: BridgeEntry['scopeSource'];
  if (d.scopes !== undefined) { scopes = d.scopes.split(' ').filter(Boolean); scopeSource = 'static-oauth-client-metadata'; }
  else if (env.OAUTH_SCOPES) { scopes = env.OAUTH_SCOPES.split(/[\s,]+/).filter(Boolean); scopeSource = 'env'; }
  const isMcpRemote = d.packageName === MCP_REMOTE_PACKAGE;
  const pkgIndex = d.args.findIndex((a) => a === d.url);
  const bridgeArgs = pkgIndex === -1 ? [] : d.args.slice(pkgIndex);
  let callback: BridgeEntry['callback'];
  if (isMcpRemote && d.url) {
    // mcp-remote 0.15.1: `--host` defaults to 127.0.0.1 on Windows, localhost elsewhere.
    const host = bridgeArgs.includes('--host') ? d.callbackHost : platform === 'win32' ? '127.0.0.1' : MCP_REMOTE_DEFAULT_HOST;
    const path = d.callbackPath.startsWith('/') ? d.callbackPath : MCP_REMOTE_DEFAULT_CALLBACK_PATH;
    const port = d.callbackPort ?? mcpRemoteDefaultPort(serverUrlHash(d.url));
    callback = { host, port, path, portPinned: d.callbackPort !== undefined, uri: `http://${host}:${port}${path}` };
  }
  const packageSpec = d.packageName ? `${d.packageName}${d.packageVersion ? `@${d.packageVersion}` : ''}` : undefined;
  return {
    command: d.command ?? '', args: d.args, env, wrapped: d.cmdWrapper,
    ...(packageSpec ? { packageSpec, packageName: d.packageName } : {}), ...(d.packageVersion ? { packageVersion: d.packageVersion } : {}),
    isMcpRemote, bridgeArgs, ...(d.url ? { url: d.url } : {}),
    ...(clientId ? { clientId, clientIdSource } : {}), ...(scopes ? { scopes, scopeSource } : {}),
    ...(callback ? { callback } : {}), allowHttp: d.allowHttp,
    ...(d.clientInfoFile ? { infoFile: d.clientInfoFile } : {}), ...(d.clientMetadataFile ? { metadataFile: d.clientMetadataFile } : {}),
    fileArgs: [d.clientInfoFile ? '--static-oauth-client-info' : '', d.clientMetadataFile ? '--static-oauth-client-metadata' : ''].filter(Boolean),
  };
}

