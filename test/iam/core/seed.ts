/**
 * Seed data shared by the casdoor and hanzo-v1 profiles: organization `built-in`, the app the
 * guide tells users to create, an admin (`admin` / `123`, as on a fresh Casdoor), a non-admin user
 * and a few more applications for `get_applications` to list.
 */
import type { EmulatorUser } from '../types.js';

export const ORGANIZATION = 'built-in';
export const CLIENT_ID = 'claude-desktop-mcp';

/** Registered exactly as the guide tells users to register them; each profile applies its own matching rule. */
export const GUIDE_REDIRECT_URIS = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];

/** Claude's custom-connector callbacks (fault `claude-callbacks` registers them on every app). */
export const CLAUDE_CALLBACK_URIS = ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'];

export interface SeedUser extends EmulatorUser {
  owner: string;
  displayName: string;
  email: string;
  isForbidden: boolean;
}

export interface SeedApplication {
  owner: string;
  name: string;
  displayName: string;
  clientId: string;
  /** Empty for public clients (PKCE required). */
  clientSecret: string;
  organization: string;
  /** Casdoor: Category `Default` | `Agent`; Type `MCP` | `A2A` when Agent (docs/iam-facts.md, guide error 3). */
  category: 'Default' | 'Agent';
  type: string;
  grantTypes: string[];
  tokenFormat: 'JWT';
  redirectUris: string[];
  /** Custom scopes; a non-empty list limits what may be requested and triggers consent. */
  scopes: string[];
  expireInHours: number;
  refreshExpireInHours: number;
}

export function seedUsers(): SeedUser[] {
  return [
    { owner: ORGANIZATION, username: 'admin', password: '123', isAdmin: true, displayName: 'Admin', email: 'admin@example.com', isForbidden: false },
    { owner: ORGANIZATION, username: 'alice', password: 'alice-pass', isAdmin: false, displayName: 'Alice', email: 'alice@example.com', isForbidden: false },
    { owner: ORGANIZATION, username: 'mallory', password: 'mallory-pass', isAdmin: false, displayName: 'Mallory (forbidden)', email: 'mallory@example.com', isForbidden: true },
  ];
}

function app(name: string, displayName: string, extra: Partial<SeedApplication> = {}): SeedApplication {
  return {
    owner: 'admin', name, displayName, clientId: name, clientSecret: '', organization: ORGANIZATION,
    category: 'Default', type: '', grantTypes: ['authorization_code', 'refresh_token'], tokenFormat: 'JWT',
    redirectUris: [], scopes: [], expireInHours: 168, refreshExpireInHours: 168, ...extra,
  };
}

export function seedApplications(expireInHours: number): SeedApplication[] {
  return [
    // Refresh life 720 h (docs/iam-facts.md is silent): longer than the access token, so the refresh token
    // outlives it as a working setup needs. Casdoor's new-app default 168/168 makes both JWTs
    // expire at the same instant, which is what `refresh-expires-with-access` (0) reproduces.
    app(CLIENT_ID, 'Claude Desktop MCP', {
      category: 'Agent', type: 'MCP', redirectUris: [...GUIDE_REDIRECT_URIS], expireInHours, refreshExpireInHours: 720,
    }),
    app('app-built-in', 'Casdoor', { clientSecret: 'built-in-secret', redirectUris: ['http://localhost:8000/callback'] }),
    app('grafana', 'Grafana', { clientSecret: 'grafana-secret', redirectUris: ['https://grafana.example.com/login/generic_oauth'] }),
    app('wiki', 'Team Wiki', { clientSecret: 'wiki-secret', redirectUris: ['https://wiki.example.com/oauth/callback'] }),
  ];
}

/** Public view of an application for MCP tool results (no secret). */
export function publicApplication(a: SeedApplication): Record<string, unknown> {
  const { clientSecret: _secret, ...rest } = a;
  return rest;
}

export function publicUser(u: SeedUser): Record<string, unknown> {
  return { owner: u.owner, name: u.username, displayName: u.displayName, email: u.email, isAdmin: u.isAdmin, isForbidden: u.isForbidden };
}
