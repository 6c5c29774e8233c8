import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Facts about the `mcp-remote` bridge that the entry builder, the verifier and the bridge runner
 * must agree on (docs/iam-facts.md, "The guide's errors" 1 and 5). Checked against the
 * installed mcp-remote@0.15.1 (dist/chunk-*.js, parseCommandLineArgs).
 */

/** The version the entry builder pins and the tests run (devDependency, exact). */
export const MCP_REMOTE_VERSION = '0.15.1';
export const MCP_REMOTE_PACKAGE = 'mcp-remote';

/**
 * The callback the written entry asks for (`--host 127.0.0.1 --callback-path /callback`): the
 * redirect URI `http://127.0.0.1:<port>/callback` matches the guide's registration
 * `http://127.0.0.1:*\/callback` on both server generations (Casdoor: any loopback; newer Hanzo:
 * 127.0.0.1 any port, exact path). mcp-remote's own default is `http://localhost:<port>/oauth/callback`.
 */
export const BRIDGE_CALLBACK_HOST = '127.0.0.1';
export const BRIDGE_CALLBACK_PATH = '/callback';
export const MCP_REMOTE_DEFAULT_HOST = 'localhost';
export const MCP_REMOTE_DEFAULT_CALLBACK_PATH = '/oauth/callback';

/** `--host` when the entry gives none (mcp-remote 0.15.1 parseCommandLineArgs): 127.0.0.1 on Windows, localhost elsewhere. */
export function mcpRemoteDefaultHost(platform?: NodeJS.Platform): string {
  return platform === 'win32' ? '127.0.0.1' : MCP_REMOTE_DEFAULT_HOST;
}

/** mcp-remote's cache key (getServerUrlHash): md5 of the server URL joined by `|` with --resource (headers/authorize params not modelled). */
export function serverUrlHash(url: string, extras: string[] = []): string {
  return createHash('md5').update([url, ...extras].join('|')).digest('hex');
}

/** The callback port when the entry pins none (mcp-remote 0.15.1: `3335 + parseInt(hash[0..4], 16) % 45816`). */
export function mcpRemoteDefaultPort(hash: string): number {
  return 3335 + (parseInt(hash.substring(0, 4), 16) % 45816);
}

/**
 * mcp-remote's config/cache dir (src/lib/mcp-auth-config.ts): `MCP_REMOTE_CONFIG_DIR` from the env
 * the bridge runs with, else `<homedir>/.mcp-auth`. Claude Desktop starts the bridge with the
 * entry's `env` (plus a few inherited variables, never MCP_REMOTE_CONFIG_DIR), so only the entry's
 * env counts, not the helper's own.
 */
export function mcpRemoteConfigDir(o: { entryEnv?: Record<string, string | undefined>; homedir: string; platform?: NodeJS.Platform }): string {
  const p = o.platform === 'win32' ? path.win32 : path.posix;
  return o.entryEnv?.MCP_REMOTE_CONFIG_DIR || p.join(o.homedir, '.mcp-auth');
}

/** The redirect URI a bridge entry with these settings sends. */
export function bridgeRedirectUri(port: number, host = BRIDGE_CALLBACK_HOST, path = BRIDGE_CALLBACK_PATH): string {
  return `http://${host}:${port}${path}`;
}

/** The package the guide names; it does not exist on the npm registry (docs/iam-facts.md, guide error 1). */
export const GUIDE_BRIDGE_PACKAGE = '@modelcontextprotocol/server-oauth';
