/**
 * Redaction rules for everything that leaves the process (stdout, logs, reports, IPC evidence):
 * tokens, codes, secrets and cookies never appear whole. A token is shown as a short prefix plus
 * its length, enough to tell two tokens apart without making either usable.
 */

const SECRET_KEYS = new Set([
  'access_token', 'refresh_token', 'id_token', 'code', 'code_verifier', 'client_secret',
  'token', 'password', 'assertion', 'device_code', 'subject_token', 'actor_token',
]);
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);

/** `eyJhbG…(812 chars)`: a prefix short enough that the value is useless. */
export function redactSecret(value: string): string {
  if (value.length <= 8) return `…(${value.length} chars)`;
  return `${value.slice(0, 6)}…(${value.length} chars)`;
}

/**
 * A secret-named key in any spelling: `client_secret`, `clientSecret`, `client-secret`,
 * `CLIENT_SECRET` (OAuth's snake_case, RFC 6749 §5.1, and SDKs' camelCase for the same fields).
 */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase());
}

/** Headers with credentials redacted; `Authorization: Bearer x` keeps its scheme. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) out[name] = value;
    else if (lower === 'authorization' || lower === 'proxy-authorization') {
      const [scheme, ...rest] = value.split(' ');
      out[name] = rest.length ? `${scheme} ${redactSecret(rest.join(' '))}` : redactSecret(value);
    } else out[name] = '[redacted]';
  }
  return out;
}

/** A URL with secret-bearing query and fragment parameters (code, tokens, secrets) redacted. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, redactSecret(parsed.searchParams.get(key) ?? ''));
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? '[redacted]' : '';
    parsed.password = parsed.password ? '[redacted]' : '';
  }
  return parsed.toString();
}

/** A JSON-ish value with every secret-named property redacted, recursively. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) && typeof inner === 'string' ? redactSecret(inner) : redactValue(inner);
    }
    return out;
  }
  return value;
}

/** The secret keys as a regex alternation matching every spelling isSecretKey accepts (with the `i` flag). */
const KEY_ALT = [...SECRET_KEYS].sort((a, b) => b.length - a.length).map((k) => k.split('_').join('[_-]?')).join('|');
const KEY_VALUE_JSON = new RegExp(`("(?:${KEY_ALT})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)"`, 'gi');
const KEY_VALUE_FORM = new RegExp(`\\b(${KEY_ALT})=([^&\\s"',;]+)`, 'gi');
/** `Authorization: …` / `Cookie: …` header text up to the end of the line or a quote. */
const HEADER_TEXT = /\b((?:proxy-)?authorization|(?:set-)?cookie|x-api-key)(\s*:\s*)([^\r\n"'`]+)/gi;
/**
 * `Bearer <token>` / `Basic <credentials>`: a token68 (RFC 7235 §2.1) of 8+ characters with a digit
 * or one of `._~+/=`, a JWT's `eyJ` start, or 20+ characters, so prose ("a Bearer challenge",
 * "Bearer WWW-Authenticate") and auth-params (`Bearer error="…"`) stay.
 */
const SCHEME_TOKEN = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9._~+/=…-]|\s*=|")/gi;
const TOKENISH = /^(?=.{8,}$)(?:.*[0-9._~+/=]|eyJ|.{20})/;

/** Already a redactSecret output (or holds one): masking again would only lose the length. */
const masked = (v: string): boolean => /…\(\d/.test(v);

/** The free-text rules of redactText (no JSON step): key=value, "key":"value", auth schemes, header text. */
export function maskSecretPatterns(text: string): string {
  return text
    .replace(KEY_VALUE_JSON, (m, head: string, v: string) => (masked(v) ? m : `${head}${redactSecret(v)}"`))
    .replace(KEY_VALUE_FORM, (m, key: string, v: string) => (masked(v) ? m : `${key}=${redactSecret(v)}`))
    .replace(SCHEME_TOKEN, (m, scheme: string, sp: string, v: string) => (TOKENISH.test(v) ? `${scheme}${sp}${redactSecret(v)}` : m))
    .replace(HEADER_TEXT, (m, name: string, sep: string, value: string) => {
      if (masked(value)) return m;
      const scheme = /^(\w+)(\s+)(\S.*)$/.exec(value);
      return scheme ? `${name}${sep}${scheme[1]}${scheme[2]}${redactSecret(scheme[3]!)}` : `${name}${sep}${redactSecret(value)}`;
    });
}

/**
 * Free text fit for evidence (response bodies, stderr, logs): JSON text gets its secret properties
 * redacted (redactValue, re-serialised); anything else has secret-shaped substrings masked; known
 * secret values are masked anywhere.
 */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out: string;
  try {
    out = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    out = text;
  }
  return maskKnownSecrets(maskSecretPatterns(out), knownSecrets);
}


/**
 * mcp-remote arguments fit for evidence: `--header "Authorization: Bearer …"` keeps its scheme,
 * other credential-looking header values are redacted whole, `--static-oauth-client-info` JSON
 * loses its client_secret, and secret-shaped text in any other argument is masked.
 */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((a, i) => {
    const flag = args[i - 1];
    if (flag === '--header') {
      const at = a.indexOf(':');
      if (at === -1) return maskSecretPatterns(a);
      const [name, raw] = [a.slice(0, at).trim(), a.slice(at + 1).trim()];
      const value = redactHeaders({ [name]: raw })[name] ?? raw;
      return /authorization|cookie|token|key|secret/i.test(name) && value === raw ? `${name}: [redacted]` : `${name}: ${value}`;
    }
    if (flag === '--static-oauth-client-info' && a.startsWith('{')) {
      try { return JSON.stringify(redactValue(JSON.parse(a))); } catch { return maskSecretPatterns(a); }
    }
    return maskSecretPatterns(a);
  });
}

/** Replaces each known secret value (a token we hold) wherever it appears. */
export function maskKnownSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(redactSecret(secret));
  }
  return out;
}
