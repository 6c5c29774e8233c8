/**
 * Facts about the Hanzo IAM (Casdoor-based) server that the entry builder, the verifier, the
 * bridge runner and the doctor must agree on (docs/iam-facts.md). One definition each.
 */

/** The guide's wrong scope names mapped to the server's (docs/iam-facts.md, guide error 2). */
export const GUIDE_SCOPE_FIXES: Readonly<Record<string, string>> = {
  'read:application': 'application:read', 'write:application': 'application:write',
  'read:user': 'user:read', 'write:user': 'user:write',
};

/**
 * OIDC scopes (OIDC Core §5.4): about the ID token and userinfo; resource-bound access tokens
 * (RFC 8707) often leave them out of their scope claim, so their absence is no finding.
 */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

/** The read-only tool behind the guide's first prompt "List all applications" (docs/iam-facts.md, "Tools"). */
export const READ_TOOL = 'get_applications';

/** The organization a Casdoor-based IAM puts its own users and applications in. */
export const DEFAULT_OWNER = 'built-in';

/** The organization a token belongs to (`owner`, `organization` or `org` claim), else DEFAULT_OWNER. */
export function ownerOf(claims: Record<string, unknown> | undefined): string {
  for (const key of ['owner', 'organization', 'org']) {
    const value = claims?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return DEFAULT_OWNER;
}

/**
 * Scopes an access token carries: its `scope` claim (RFC 9068 §2.2.3, space-separated) or `scp`
 * (string or array), else the token response's `scope` (RFC 6749 §5.1); undefined when neither says.
 */
export function scopesOf(claims: Record<string, unknown> | undefined, responseScope?: string): string[] | undefined {
  const fromClaim = claims?.scope ?? claims?.scp;
  if (typeof fromClaim === 'string') return fromClaim.split(' ').filter(Boolean);
  if (Array.isArray(fromClaim)) return fromClaim.map(String);
  return responseScope === undefined ? undefined : responseScope.split(' ').filter(Boolean);
}

/**
 * Whether a URL hostname names this machine (RFC 8252 §8.3 loopback; `localhost` as RFC 6761 §6.3).
 * Accepts IPv6 both as WHATWG URL writes it (`[::1]`) and bare (`::1`).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1' || hostname === '[::1]';
}

/** A server's shape as its authorization-server metadata shows it (docs/iam-facts.md, "Server shapes"). */
export type ServerShape = 'casdoor' | 'hanzo-v1';

/**
 * Casdoor-shaped (A/B): token endpoint `/api/login/oauth/access_token`, authorize page
 * `/login/oauth/authorize`. The newer Hanzo server (C): OAuth under `/v1/iam/oauth/`.
 */
export function serverShape(metadata: { token_endpoint?: unknown; authorization_endpoint?: unknown } | undefined): ServerShape | undefined {
  const path = (u: unknown) => { try { return typeof u === 'string' ? new URL(u).pathname : ''; } catch { return ''; } };
  const token = path(metadata?.token_endpoint);
  if (token.endsWith('/api/login/oauth/access_token') || path(metadata?.authorization_endpoint).endsWith('/login/oauth/authorize')) return 'casdoor';
  if (token.endsWith('/v1/iam/oauth/token')) return 'hanzo-v1';
  return undefined;
}

/**
 * Scopes Casdoor-shaped servers accept without advertising them: their protected-resource
 * metadata lists only `openid profile email read write`, yet the MCP endpoint's built-in scopes
 * `application:read`, `application:write`, `user:read`, `user:write` and the shortcut `admin` work
 * (Casdoor's MCP scope table; facts: "The guide's errors" 2).
 */
export const CASDOOR_UNADVERTISED_SCOPES: readonly string[] = ['application:read', 'application:write', 'user:read', 'user:write', 'read', 'write', 'admin'];
