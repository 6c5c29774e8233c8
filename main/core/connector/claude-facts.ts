/**
 * Facts about Claude's custom connectors (Settings → Connectors → Add custom connector) that the
 * connector checks and instructions rely on; sources in docs/claude-routes.md.
 */

/** Claude's OAuth callback, and the one Anthropic asks servers to allow as well. */
export const CLAUDE_CALLBACKS = ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'] as const;

/** The fields of the "Add custom connector" dialog, as labelled there. */
export const CONNECTOR_FIELDS = {
  name: 'Name',
  url: 'Remote MCP server URL',
  clientId: 'OAuth Client ID (Advanced settings)',
  clientSecret: 'OAuth Client Secret (Advanced settings)',
} as const;

export interface PasteField { field: string; value: string; note?: string }

export interface ConnectorInstructions {
  where: string;
  fields: PasteField[];
  /** Redirect URIs the IAM application must list for the connector. */
  registerRedirectUris: string[];
}

/** What to paste where in Claude's dialog for this IAM. Pure. */
export function connectorInstructions(input: { url: string; clientId?: string; name?: string }): ConnectorInstructions {
  const fields: PasteField[] = [
    { field: CONNECTOR_FIELDS.name, value: input.name ?? 'Hanzo IAM' },
    { field: CONNECTOR_FIELDS.url, value: input.url },
    input.clientId
      ? { field: CONNECTOR_FIELDS.clientId, value: input.clientId }
      : { field: CONNECTOR_FIELDS.clientId, value: '', note: 'leave empty only if the IAM offers dynamic client registration or client ID metadata documents (see connector.registration)' },
    { field: CONNECTOR_FIELDS.clientSecret, value: '', note: 'leave empty for a public client (PKCE); fill in only if the application in IAM has a client secret' },
  ];
  return {
    where: 'Claude Desktop or claude.ai: Settings → Connectors → Add custom connector',
    fields,
    registerRedirectUris: input.clientId ? [...CLAUDE_CALLBACKS] : [],
  };
}
