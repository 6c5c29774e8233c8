/**
 * Scopes the IAM's MCP server knows (docs/setup-wizard-facts.md: built-in MCP scopes and OIDC
 * scopes), the presets the wizard offers (least privilege first) and the guide's wrong names.
 */
export { GUIDE_SCOPE_FIXES } from '../../../../main/core/server-facts.js';

export const READ_ONLY_SCOPES = 'openid profile email application:read';

export const SCOPE_PRESETS = [
  { id: 'read', label: 'Read applications (recommended)', scopes: READ_ONLY_SCOPES, help: 'Claude can list and read your applications, nothing else.' },
  { id: 'users', label: 'Read applications and users', scopes: 'openid profile email application:read user:read', help: 'Also lets Claude read user accounts.' },
  { id: 'manage', label: 'Manage applications', scopes: 'openid profile email application:read application:write', help: 'Claude can also create, change and delete applications. Grant this only if you want Claude to make changes.' },
] as const;

export const SCOPE_MEANING: Readonly<Record<string, string>> = {
  openid: 'Sign in with your IAM account (OpenID Connect).',
  profile: 'Your name and picture, so the sign-in knows who you are.',
  email: 'Your e-mail address.',
  'application:read': 'List and read applications (the tools get_applications and get_application).',
  'application:write': 'Create, change and delete applications.',
  'user:read': 'List and read user accounts.',
  'user:write': 'Create, change and delete user accounts.',
  read: 'Shortcut: every read permission at once.',
  write: 'Shortcut: every write permission at once.',
  admin: 'Shortcut: everything, including administration. Avoid it.',
  offline_access: 'Stay signed in (refresh token) where the server asks for it.',
};
