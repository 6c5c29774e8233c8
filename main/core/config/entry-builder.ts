import { createHash } from 'node:crypto';
import { HelperError } from '../errors.js';
import { GUIDE_SCOPE_FIXES, isLoopbackHost } from '../server-facts.js';
import {
  BRIDGE_CALLBACK_HOST, BRIDGE_CALLBACK_PATH, MCP_REMOTE_PACKAGE, MCP_REMOTE_VERSION, bridgeRedirectUri,
} from '../mcp-remote-facts.js';

/** A Claude Desktop `mcpServers` entry (stdio server spawned by the app). */
export interface McpServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Least privilege for the helper's default: sign-in identity plus read access to applications.
 * The server's scope names are `<resource>:<action>` (docs/iam-facts.md, guide error 2).
 */
export const DEFAULT_SCOPES = 'openid profile email application:read';

/** The guide's wrong scope names mapped to the server's (one definition: server-facts.ts). */
export { GUIDE_SCOPE_FIXES };

/**
 * Default callback port: fixed in the entry (the redirect URI must be predictable) and stable per
 * server URL, so two servers get different ports. 20000-29999 stays below the ephemeral ranges of
 * Linux (32768+) and Windows (49152+), so the OS rarely hands it to another process.
 */
export function defaultCallbackPort(mcpUrl: string): number {
  const digest = createHash('sha256').update(mcpUrl).digest();
  return 20000 + (digest.readUInt32BE(0) % 10000);
}

export interface BuildIamEntryInput {
  mcpUrl: string;
  clientId: string;
  /** Space-separated; default DEFAULT_SCOPES. */
  scopes?: string;
  platform: NodeJS.Platform;
  /** Default defaultCallbackPort(mcpUrl). */
  callbackPort?: number;
  /** Absolute npx path when Claude Desktop's PATH lacks it (macOS GUI apps). */
  npxPath?: string;
  /** Permit http:// for a non-loopback host (mcp-remote `--allow-http`). */
  allowHttp?: boolean;
  /** Windows only: folder (no spaces) where the `@file` JSON arguments are written. */
  sideFileDir?: string;
}

export interface SideFile { path: string; content: string }

export interface BuiltEntry {
  entry: McpServerEntry;
  /** Redirect URIs to register on the IAM application for this entry. */
  redirectUris: string[];
  /** Files the entry refers to (Windows `@file` arguments); the caller writes them. */
  sideFiles: SideFile[];
  callbackPort: number;
  scopes: string;
  warnings: string[];
}

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** Characters `cmd.exe` treats specially on a command line, plus whitespace (argument split). */
const CMD_SPECIAL = /[&|<>^%"\s]/;

/** Errors name the value, not a door's control (the CLI adds its flag: cli/entry-errors.ts). */
function bad(code: string, message: string, detail?: Record<string, unknown>): never {
  throw new HelperError(code, message, { detail });
}

export function validateMcpUrl(mcpUrl: string, allowHttp = false): URL {
  let url: URL;
  try {
    url = new URL(mcpUrl);
  } catch {
    bad('ENTRY_URL_INVALID', `The MCP URL "${mcpUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') bad('ENTRY_URL_INVALID', `The MCP URL must start with https:// (or http://), not ${url.protocol}`);
  if (url.username || url.password) bad('ENTRY_URL_INVALID', 'The MCP URL must not contain a user name or password');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowHttp) {
    bad('ENTRY_URL_INSECURE', `The MCP URL uses http for the non-loopback host ${url.hostname}, so tokens would cross the network unencrypted; use its https address`);
  }
  return url;
}

export function validateScopes(scopes: string): string[] {
  const tokens = scopes.split(' ').filter((s) => s !== '');
  if (tokens.length === 0) bad('ENTRY_SCOPES_INVALID', 'The scopes are empty');
  for (const t of tokens) {
    if (!SCOPE_TOKEN.test(t)) bad('ENTRY_SCOPES_INVALID', `The scope "${t}" has characters a scope cannot contain (RFC 6749 §3.3)`, { token: t });
  }
  return tokens;
}

/** Builds the working mcp-remote entry (docs/iam-facts.md, guide errors 1 and 5). Pure. */
export function buildIamEntry(input: BuildIamEntryInput): BuiltEntry {
  const url = validateMcpUrl(input.mcpUrl, input.allowHttp);
  const clientId = input.clientId.trim();
  if (clientId === '') bad('ENTRY_CLIENT_ID_EMPTY', 'The client ID is empty');
  if (/[\s"]/.test(clientId)) bad('ENTRY_CLIENT_ID_INVALID', 'The client ID must not contain spaces or quotes');
  const scopeTokens = validateScopes(input.scopes ?? DEFAULT_SCOPES);
  const scopes = scopeTokens.join(' ');
  const port = input.callbackPort ?? defaultCallbackPort(input.mcpUrl);
  if (!Number.isInteger(port) || port < 1 || port > 65535) bad('ENTRY_PORT_INVALID', `callback port must be 1-65535, got ${port}`);

  const warnings: string[] = [];
  for (const t of scopeTokens) {
    const fix = GUIDE_SCOPE_FIXES[t];
    if (fix) warnings.push(`scope "${t}" is the guide's name; the server calls it "${fix}" (tool calls will be refused)`);
  }
  const clientInfo = JSON.stringify({ client_id: clientId });
  const metadata = JSON.stringify({ scope: scopes });
  const sideFiles: SideFile[] = [];
  let infoArg = clientInfo;
  let metaArg = metadata;
  if (input.platform === 'win32') {
    // `cmd /c` re-parses the whole command line: `&`, `|`, `<`, `>`, `^`, `%` and quotes in the URL
    // would split or rewrite the command (cmd.exe /? "special characters").
    if (CMD_SPECIAL.test(input.mcpUrl)) {
      bad('ENTRY_URL_INVALID', `The MCP URL contains a character cmd.exe would interpret (${CMD_SPECIAL.exec(input.mcpUrl)?.[0] ?? ''}); Claude Desktop on Windows runs the entry through cmd /c`);
    }
    // cmd.exe re-parses the command line and mangles the quotes of inline JSON; mcp-remote reads
    // `@<path>` for both static flags (mcp-remote 0.15.1 parseCommandLineArgs).
    const dir = input.sideFileDir;
    if (!dir) bad('ENTRY_SIDE_DIR_MISSING', 'Windows entries need a folder for the client JSON files');
    if (/\s/.test(dir)) warnings.push(`the bridge file folder "${dir}" contains a space; cmd.exe may split the path`);
    const slug = `${url.hostname}-${port}`.replace(/[^A-Za-z0-9.-]/g, '_');
    const sep = dir.endsWith('\\') ? '' : '\\';
    const infoPath = `${dir}${sep}${slug}-client-info.json`;
    const metaPath = `${dir}${sep}${slug}-client-metadata.json`;
    sideFiles.push({ path: infoPath, content: `${clientInfo}\n` }, { path: metaPath, content: `${metadata}\n` });
    infoArg = `@${infoPath}`;
    metaArg = `@${metaPath}`;
  }
  const bridgeArgs = [
    '-y', `${MCP_REMOTE_PACKAGE}@${MCP_REMOTE_VERSION}`, input.mcpUrl, String(port),
    '--host', BRIDGE_CALLBACK_HOST, '--callback-path', BRIDGE_CALLBACK_PATH,
    '--static-oauth-client-info', infoArg, '--static-oauth-client-metadata', metaArg,
  ];
  // mcp-remote accepts http only for localhost/127.0.0.1 without --allow-http.
  if (url.protocol === 'http:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') bridgeArgs.push('--allow-http');
  const npx = input.npxPath ?? 'npx';
  const entry: McpServerEntry = input.platform === 'win32'
    ? { command: 'cmd', args: ['/c', npx, ...bridgeArgs] }
    : { command: npx, args: bridgeArgs };
  return { entry, redirectUris: [bridgeRedirectUri(port)], sideFiles, callbackPort: port, scopes, warnings };
}
