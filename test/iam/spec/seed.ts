/**
 * Seed data shared by the spec profile's authorization server and MCP resource server
 * (as the other profiles, test/iam/README.md "Seed data"): organization `built-in`, the `claude-desktop-mcp` public client,
 * an admin and a non-admin user, and a few applications for `get_applications`.
 */
import type { EmulatorUser } from '../types.js';

export const ORGANIZATION = 'built-in';
export const CLIENT_ID = 'claude-desktop-mcp';

/** Redirect URIs exactly as the guide tells users to register them. */
export const GUIDE_REDIRECT_URIS = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];

/** Hanzo IAM's built-in MCP scopes for the application tools (docs/iam-facts.md, guide error 2). */
export const RESOURCE_SCOPES = ['application:read', 'application:write'] as const;
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export const ALL_SCOPES = [...OIDC_SCOPES, ...RESOURCE_SCOPES];

export const USERS: { admin: EmulatorUser; user: EmulatorUser } = {
  admin: { username: 'admin', password: '123', isAdmin: true },
  user: { username: 'alice', password: 'alice-pass', isAdmin: false },
};

export function findUser(username: string): EmulatorUser | undefined {
  return Object.values(USERS).find((u) => u.username === username);
}

export interface SeedApplication {
  owner: string;
  organization: string;
  name: string;
  displayName: string;
  category: string;
  type: string;
  clientId: string;
  redirectUris: string[];
  grantTypes: string[];
}

export function seedApplications(): SeedApplication[] {
  return [
    { owner: 'admin', organization: ORGANIZATION, name: 'app-built-in', displayName: 'IAM', category: 'Default', type: 'All', clientId: 'app-built-in-client', redirectUris: [], grantTypes: ['authorization_code'] },
    { owner: 'admin', organization: ORGANIZATION, name: CLIENT_ID, displayName: 'Claude Desktop MCP', category: 'Agent', type: 'MCP', clientId: CLIENT_ID, redirectUris: [...GUIDE_REDIRECT_URIS], grantTypes: ['authorization_code', 'refresh_token'] },
    { owner: 'admin', organization: ORGANIZATION, name: 'hanzo-chat', displayName: 'Hanzo Chat', category: 'Default', type: 'All', clientId: 'hanzo-chat-client', redirectUris: ['https://chat.example.com/callback'], grantTypes: ['authorization_code', 'refresh_token'] },
  ];
}

/**
 * Maps a guide-style redirect URI to oidc-provider's rule set: `:*` is not a valid URL port, and
 * a native client's loopback redirect URI without a port already matches any port (RFC 8252 §7.3).
 */
export function toProviderRedirectUri(uri: string): string {
  return uri.replace(/^(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])):\*(?=\/|$)/, '$1');
}
