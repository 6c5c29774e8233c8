/**
 * The facts the checks need from a Claude Desktop `mcpServers` entry: which package the command
 * runs, the MCP URL, the client id and scopes the bridge will send, and the redirect URI it will
 * use (describeEntry applies mcp-remote's defaults; mcp-remote-facts.ts states them).
 */
import { MCP_REMOTE_PACKAGE } from '../mcp-remote-facts.js';
import { describeEntry } from '../config/entry-describe.js';

/** Entry arguments fit for evidence (one redactor for the doctor and the bridge). */

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

/**
 * The entry read back by the config engine (describeEntry, with mcp-remote's defaults for
 * `platform`), plus the guide's env vars as a fallback source of client id and scopes.
 */
export function readBridgeEntry(raw: unknown, platform: NodeJS.Platform): BridgeEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const d = describeEntry(raw, platform);
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
  const cb = d.callback;
  const callback: BridgeEntry['callback'] = cb && { host: cb.host, port: cb.port, path: cb.path, portPinned: cb.pinned, uri: cb.uri };
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

