/**
 * Redirect URI matching of each server generation (docs/iam-facts.md, "The guide's errors" 5).
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
 * Casdoor (shape A/B), `Application.IsRedirectUriValid` in object/application.go (HEAD 2026-08):
 * any loopback is accepted regardless of the list (`util.IsValidOrigin`); otherwise an entry
 * matches when it equals the URI, or (entry with a host) scheme, port and path are equal and the
 * host is the same or a subdomain, or (entry without a scheme, e.g. `example.com/cb`) the host is
 * the same or a subdomain, the scheme http(s) and the path equal unless the entry has none, or
 * else the entry as a regular expression anchored at both ends matches. A `*` entry never
 * matches by itself (`http://127.0.0.1:*\/callback` is no URL, and as a pattern `:*` means
 * "colons"). `strict` (fault `redirect-strict`) leaves exact matches only.
 * Differences from Go's net/url: WHATWG URL drops default ports (`:443`), Go keeps them.
 */
export function casdoorRedirectAllowed(uri: string, registered: string[], strict: boolean): boolean {
  if (strict) return registered.includes(uri);
  const parsed = parse(uri);
  if (parsed && isLoopbackCasdoor(parsed)) return true;
  return registered.some((entry) => casdoorPatternMatch(uri, parsed, entry));
}

/**
 * Go's url.Parse refuses a host with characters outside RFC 3986 sub-delims (e.g. `\\`, `{`, `|`),
 * where WHATWG URL reads `\\` as `/`: such an entry is no URL to Casdoor and falls to the regex.
 */
function goParsesHost(uri: string): boolean {
  const host = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1];
  return host === undefined || /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]*$/.test(host);
}

/**
 * Casdoor's CORS origin rule (`Application.IsOriginValid`): a loopback origin as for redirects,
 * or the scheme, port and host (or a subdomain of it) of a registered redirect URI.
 */
export function casdoorOriginAllowed(origin: string, registered: string[]): boolean {
  const got = parse(origin);
  if (!got || got.host === '') return false;
  if (isLoopbackCasdoor(got)) return true;
  return registered.some((r) => {
    const want = parse(r);
    return want !== undefined && want.host !== '' && want.protocol === got.protocol && want.port === got.port
      && hostOrSubdomain(got.hostname, want.hostname);
  });
}

const hostOrSubdomain = (host: string, target: string) => host === target || host.endsWith(`.${target}`);

function casdoorPatternMatch(uri: string, got: URL | undefined, target: string): boolean {
  if (target === '') return false;
  if (uri === target) return true;
  if (!got || got.host === '') return false;
  const want = goParsesHost(target) ? parse(target) : undefined;
  if (want && want.host !== '') {
    return got.protocol === want.protocol && got.port === want.port
      && hostOrSubdomain(got.hostname, want.hostname) && got.pathname === want.pathname;
  }
  const bare = goParsesHost(`https://${target}`) ? parse(`https://${target}`) : undefined;
  if (bare && bare.host !== '') {
    const hostOk = bare.hostname.startsWith('.') ? got.hostname.endsWith(bare.hostname) : hostOrSubdomain(got.hostname, bare.hostname);
    const pathOk = bare.pathname === '/' || got.pathname === bare.pathname;
    return (got.protocol === 'http:' || got.protocol === 'https:') && hostOk && pathOk;
  }
  try {
    return new RegExp(`^(?:${target})$`).test(uri);
  } catch {
    return false;
  }
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
