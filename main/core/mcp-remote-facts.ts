/**
 * Facts about the `mcp-remote` bridge that the entry builder, the verifier and the bridge runner
 * must agree on (hanzo-iam-facts.md, "The guide's errors" §1 and §5). Checked against the
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

/** The redirect URI a bridge entry with these settings sends. */
export function bridgeRedirectUri(port: number, host = BRIDGE_CALLBACK_HOST, path = BRIDGE_CALLBACK_PATH): string {
  return `http://${host}:${port}${path}`;
}

/** The package the guide names; it does not exist on the npm registry (facts §1). */
export const GUIDE_BRIDGE_PACKAGE = '@modelcontextprotocol/server-oauth';
