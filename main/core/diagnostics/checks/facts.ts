/** Server facts the checks share (docs/iam-facts.md). */

export { GUIDE_SCOPE_FIXES, isLoopbackHost } from '../../server-facts.js';

/** The MCP headers a browser client sends (MCP spec 2025-06-18, Streamable HTTP transport). */
export const MCP_BROWSER_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'];
