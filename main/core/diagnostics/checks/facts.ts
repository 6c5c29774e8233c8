/** Server facts the checks share (docs/iam-facts.md). */

export { GUIDE_SCOPE_FIXES, isLoopbackHost } from '../../server-facts.js';

/** Built-in scopes of the IAM server: OIDC, the MCP resource scopes and their shortcuts. */
export const KNOWN_SERVER_SCOPES = new Set([
  'openid', 'profile', 'email', 'address', 'phone', 'offline_access',
  'read', 'write', 'admin', 'application:read', 'application:write', 'user:read', 'user:write',
]);

/** The MCP headers a browser client sends (MCP spec 2025-06-18, Streamable HTTP transport). */
export const MCP_BROWSER_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'];
