import { expect, it } from 'vitest';
import { insufficientScopeOf } from '../../../main/core/mcp/session.js';

it('reads the HTTP 403 challenge (RFC 6750 §3.1)', () => {
  const found = insufficientScopeOf({ code: 403, message: 'Error POSTing' }, { status: 403, wwwAuthenticate: 'Bearer error="insufficient_scope", scope="application:write"' });
  expect(found).toMatchObject({ dialect: 'http-403', requiredScope: 'application:write' });
});

it("reads Casdoor's JSON-RPC -32001 with its data (tool, required and granted scopes)", () => {
  const error = { code: -32001, message: 'MCP error -32001: insufficient_scope', data: { tool: 'get_users', required_scope: 'user:read', granted_scopes: ['application:read'] } };
  expect(insufficientScopeOf(error, { status: 200 })).toEqual({ dialect: 'jsonrpc-32001', requiredScope: 'user:read', grantedScopes: ['application:read'], tool: 'get_users' });
});

it('reads a tool result whose error says insufficient_scope, and nothing else', () => {
  expect(insufficientScopeOf({ isError: true, content: [{ type: 'text', text: 'insufficient_scope: needs user:read' }] })).toEqual({ dialect: 'tool-result' });
  expect(insufficientScopeOf({ isError: true, content: [{ type: 'text', text: 'not found' }] })).toBeUndefined();
  expect(insufficientScopeOf({ code: -32001, message: 'Unauthorized' }, { status: 401 })).toBeUndefined();
});
