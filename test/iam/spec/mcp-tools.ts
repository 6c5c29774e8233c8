/**
 * The spec profile's MCP tools, mirroring Hanzo IAM's application tools (docs/iam-facts.md):
 * `get_applications` (read-only, needs `application:read`) and `add_application` (needs
 * `application:write`). Scopes are enforced per tool by the resource server before the call
 * reaches here (see TOOL_SCOPES), as MCP 2025-11-25 "Scope challenge handling" describes.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { ORGANIZATION, type SeedApplication } from './seed.js';

export const TOOL_SCOPES: Record<string, string> = {
  get_applications: 'application:read',
  add_application: 'application:write',
};

export function buildMcpServer(applications: SeedApplication[]): McpServer {
  const server = new McpServer({ name: 'hanzo-iam-spec-emulator', version: '0.1.0' });
  server.registerTool('get_applications', {
    description: 'List the applications of an owner or organization',
    inputSchema: { owner: z.string().describe('owner or organization, e.g. built-in') },
    annotations: { readOnlyHint: true },
  }, async ({ owner }) => {
    const apps = applications.filter((a) => a.owner === owner || a.organization === owner);
    return {
      content: [{ type: 'text', text: JSON.stringify(apps) }],
      structuredContent: { applications: apps },
    };
  });
  server.registerTool('add_application', {
    description: 'Create an application',
    inputSchema: { name: z.string(), displayName: z.string().optional(), owner: z.string().optional() },
  }, async ({ name, displayName, owner }) => {
    if (applications.some((a) => a.name === name)) {
      return { isError: true, content: [{ type: 'text', text: `application ${name} already exists` }] };
    }
    applications.push({
      owner: owner ?? 'admin', organization: ORGANIZATION, name, displayName: displayName ?? name,
      category: 'Default', type: 'All', clientId: `${name}-client`, redirectUris: [], grantTypes: ['authorization_code'],
    });
    return { content: [{ type: 'text', text: JSON.stringify({ status: 'ok', data: 'Affected' }) }] };
  });
  return server;
}
