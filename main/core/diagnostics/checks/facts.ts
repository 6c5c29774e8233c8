/** Server facts the checks share (hanzo-iam-facts.md). */

/** The guide's scope names → the server's (guide error 2). */
export const GUIDE_SCOPE_FIXES: Record<string, string> = {
  'read:application': 'application:read', 'write:application': 'application:write',
  'read:user': 'user:read', 'write:user': 'user:write',
};

/** Built-in scopes of the IAM server: OIDC, the MCP resource scopes and their shortcuts. */
export const KNOWN_SERVER_SCOPES = new Set([
  'openid', 'profile', 'email', 'address', 'phone', 'offline_access',
  'read', 'write', 'admin', 'application:read', 'application:write', 'user:read', 'user:write',
]);

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** The MCP headers a browser client sends (MCP spec 2025-06-18, Streamable HTTP transport). */
export const MCP_BROWSER_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'];
