/**
 * Redirect URI matching of each server generation (facts, "The guide's errors" 5).
 */

function isLoopbackCasdoor(uri: URL): boolean {
  // Casdoor: http://localhost, https://localhost, http://127.0.0.1, any port, any path; not [::1].
  if (uri.hostname === 'localhost') return uri.protocol === 'http:' || uri.protocol === 'https:';
  return uri.hostname === '127.0.0.1' && uri.protocol === 'http:';
}

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * Casdoor (shape A/B): any loopback is accepted regardless of the list; otherwise a registered
 * entry must equal the URI or match it as a regular expression anchored at the start (Casdoor's
 * `regexp.MatchString`). An entry `*` (or one containing `:*`) never matches by itself: as a
 * regular expression it does not match a literal URL. `strict` (fault `redirect-strict`)
 * disables the loopback exception and regular expressions: exact match only.
 */
export function casdoorRedirectAllowed(uri: string, registered: string[], strict: boolean): boolean {
  if (strict) return registered.includes(uri);
  const parsed = parse(uri);
  if (parsed && isLoopbackCasdoor(parsed)) return true;
  return registered.some((entry) => {
    if (entry === uri) return true;
    try {
      const match = new RegExp(entry).exec(uri);
      return match !== null && match.index === 0 && match[0].length === uri.length;
    } catch {
      return false;
    }
  });
}

/**
 * hanzo-v1 (shape C): exact match, except that for `http://127.0.0.1` and `http://[::1]` any
 * port is accepted while the path must match exactly (RFC 8252 §7.3); `localhost` gets no port
 * exception. A registered `:*` port is read as "any port" only under that loopback rule.
 * `strict` disables the loopback port exception.
 */
export function hanzoRedirectAllowed(uri: string, registered: string[], strict: boolean): boolean {
  if (registered.includes(uri)) return true;
  if (strict) return false;
  const got = parse(uri);
  if (!got || got.protocol !== 'http:' || (got.hostname !== '127.0.0.1' && got.hostname !== '[::1]')) return false;
  return registered.some((entry) => {
    const want = parse(entry.replace(/:\*(?=\/|$)/, ''));
    return want !== undefined && want.protocol === 'http:' && want.hostname === got.hostname
      && want.pathname === got.pathname && want.search === got.search;
  });
}
