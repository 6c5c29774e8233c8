/**
 * The in-memory "database" of one emulator process: seed data, active faults, server clock,
 * authorization codes, tokens, consent grants and login sessions.
 */
import { randomBytes } from 'node:crypto';
import type { Faults } from '../types.js';
import { CLAUDE_CALLBACK_URIS, seedApplications, seedUsers, type SeedApplication, type SeedUser } from './seed.js';
import type { SigningKeys } from './tokens.js';

export interface AuthCode {
  code: string;
  clientId: string;
  username: string;
  scope: string;
  redirectUri: string;
  codeChallenge: string;
  resource: string | undefined;
  nonce: string | undefined;
  expiresAt: number;
  /** Set once redeemed: Casdoor answers "authorization code has been used for token: [..]". */
  usedForToken: string | undefined;
}

interface TokenRecord {
  token: string;
  clientId: string;
  username: string;
  scope: string;
  aud: string[];
  expiresAt: number;
}

export interface AccessTokenRecord extends TokenRecord {
  refreshToken: string | undefined;
}

export interface RefreshTokenRecord extends TokenRecord {
  revoked: boolean;
}

export interface EmulatorState {
  origin: string;
  issuer: string;
  /** Casdoor's default access token life is 168 h; hanzo-v1's is 1 h (docs/iam-facts.md). */
  defaultExpireInHours: number;
  faults: Faults;
  users: SeedUser[];
  apps: SeedApplication[];
  codes: Map<string, AuthCode>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  /** `${username}|${clientId}` -> scopes the user consented to. */
  grants: Map<string, Set<string>>;
  /** session id -> username (cookie-based login session). */
  sessions: Map<string, string>;
  keys: SigningKeys;
}

export function createState(options: { origin: string; issuer: string; defaultExpireInHours: number; faults: Faults; keys: SigningKeys }): EmulatorState {
  return {
    ...options,
    users: seedUsers(),
    apps: seedApplications(options.defaultExpireInHours),
    codes: new Map(), accessTokens: new Map(), refreshTokens: new Map(), grants: new Map(), sessions: new Map(),
  };
}

/** Server clock in ms, shifted by the `clock-skew` fault. */
export function now(state: EmulatorState): number {
  return Date.now() + (state.faults.clockSkew ?? 0) * 1000;
}

export function randomId(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** The application as the server sees it with the active faults applied (faults apply to every app). */
export function findApp(state: EmulatorState, clientId: string): SeedApplication | undefined {
  const base = state.apps.find((a) => a.clientId === clientId);
  if (!base) return undefined;
  const f = state.faults;
  return {
    ...base,
    redirectUris: [...(f.redirectList ?? base.redirectUris), ...(f.claudeCallbacks ? CLAUDE_CALLBACK_URIS : [])],
    scopes: f.appScopes ?? base.scopes,
    grantTypes: f.noRefreshGrant ? base.grantTypes.filter((g) => g !== 'refresh_token') : base.grantTypes,
    refreshExpireInHours: f.refreshExpiresWithAccess ? 0 : base.refreshExpireInHours,
  };
}

export function findUser(state: EmulatorState, username: string): SeedUser | undefined {
  return state.users.find((u) => u.username === username);
}

/** Access-token lookup; `revoke-all` makes every issued token "doesn't exist in database". */
export function lookupAccessToken(state: EmulatorState, token: string): AccessTokenRecord | undefined {
  return state.faults.revokeAll ? undefined : state.accessTokens.get(token);
}

export function lookupRefreshToken(state: EmulatorState, token: string): RefreshTokenRecord | undefined {
  const record = state.refreshTokens.get(token);
  return state.faults.revokeAll || record?.revoked ? undefined : record;
}

/** Scopes requested that the app does not list, when it lists any (docs/iam-facts.md, "Token endpoint": "Invalid scope"). */
export function scopeOutsideApp(app: SeedApplication, scope: string): boolean {
  if (app.scopes.length === 0) return false;
  return scope.split(' ').filter(Boolean).some((s) => !['openid', 'profile', 'email', 'offline_access'].includes(s) && !app.scopes.includes(s));
}

/** Consent only for apps with custom scopes the user has not yet granted (docs/iam-facts.md). */
export function needsConsent(state: EmulatorState, app: SeedApplication, username: string, scope: string): boolean {
  const custom = scope.split(' ').filter((s) => app.scopes.includes(s));
  const granted = state.grants.get(`${username}|${app.clientId}`) ?? new Set<string>();
  return custom.some((s) => !granted.has(s));
}

export function recordConsent(state: EmulatorState, app: SeedApplication, username: string, scope: string): void {
  const key = `${username}|${app.clientId}`;
  const granted = state.grants.get(key) ?? new Set<string>();
  for (const s of scope.split(' ')) if (app.scopes.includes(s)) granted.add(s);
  state.grants.set(key, granted);
}

/** A discovery document as served under the active faults (`pkce-unadvertised` drops the S256 advertisement). */
export function advertised(doc: Record<string, unknown>, faults: Faults): Record<string, unknown> {
  if (!faults.pkceUnadvertised) return doc;
  const { code_challenge_methods_supported: _dropped, ...rest } = doc;
  return rest;
}
