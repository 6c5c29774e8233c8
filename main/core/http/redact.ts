/**
 * The redaction rules for everything that leaves the process: CLI text, `--json`, `--report`,
 * diffs, logs and the app's evidence all pass through these functions (JSON documents such as a
 * config's text through redact-json.ts, which applies the same rules per string). The rules and
 * their reasons are in docs/redaction.md.
 *
 * A masked secret reads `…(N chars)`. Only a value of SHOW_PREFIX_FROM characters or more keeps
 * its first PREFIX characters (`ghp_…(40 chars)`, `eyJh…(812 chars)`): at that length 4
 * characters are a negligible part of the value and they name its kind; a shorter value (a
 * password) keeps nothing.
 */

const SHOW_PREFIX_FROM = 32;
const PREFIX = 4;

export function redactSecret(value: string): string {
  return value.length >= SHOW_PREFIX_FROM ? `${value.slice(0, PREFIX)}…(${value.length} chars)` : `…(${value.length} chars)`;
}

/** A whole redactSecret output: masking it again would only lose the length. */
const MASKED = /^[^…\s]{0,4}…\(\d+ chars\)$/;
/** Holds a redactSecret output (`Bearer eyJh…(812 chars)`). */
const holdsMask = (v: string): boolean => /…\(\d+ chars\)/.test(v);

/** Names whose last word makes them secret: `access_token`, `GITHUB_TOKEN`, `apiKey`, `x-api-key`, `DB_PASSWORD`. */
const SECRET_LAST_WORDS = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'passphrase', 'credential', 'credentials',
  'key', 'apikey', 'cookie', 'cookies', 'assertion', 'auth', 'authorization', 'session', 'sessionid', 'sig', 'verifier',
]);
/** Words that make a name secret wherever they stand (`secret_access_key`, `password_hash`). */
const SECRET_ANY_WORDS = new Set(['secret', 'password', 'passwd']);
/** Whole names (OAuth parameters, RFC 6749 §4.1.2 and RFC 8628 §3.2). */
const SECRET_NAMES = new Set(['code', 'device_code', 'auth_code', 'authorization_code']);

/**
 * A secret-named key in any spelling: `client_secret`, `clientSecret`, `client-secret`,
 * `CLIENT_SECRET`, a flag `--api-key`, an env name `OPENAI_API_KEY` (OAuth's snake_case, RFC 6749
 * §5.1, SDKs' camelCase, CLI kebab-case). `token_type`, `client_id`, `expires_in` are not secret.
 */
export function isSecretKey(key: string): boolean {
  const name = keyName(key);
  if (SECRET_NAMES.has(name)) return true;
  const words = name.split('_').filter(Boolean);
  const last = words[words.length - 1];
  return (last !== undefined && SECRET_LAST_WORDS.has(last)) || words.some((w) => SECRET_ANY_WORDS.has(w));
}

const keyName = (key: string): string => key.replace(/^[-_]+/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.\s]/g, '_').toLowerCase();
/** Words naming a password or secret: a value under them is one even when it is a number (a PIN, a default "123"). */
const PASSWORD_WORDS = new Set([...SECRET_ANY_WORDS, 'pwd', 'passphrase']);
const isPasswordKey = (key: string): boolean => keyName(key).split('_').some((w) => PASSWORD_WORDS.has(w));

/**
 * Whether `value` under the secret-named `key` is a secret. `code` also names error codes in
 * evidence (`{ code: 'ECONNREFUSED' }`, `ERR_TLS_CERT_ALTNAME_INVALID`, `TIMEOUT`, HTTP and errno
 * numbers): those stay. The shapes are narrow (letters only, at most 13 without underscores) so
 * that an authorization code made of capitals and digits is never taken for one.
 */
const ERROR_CODE = /^(?:[A-Z]{2,13}|[A-Z]+(?:_[A-Z]+)+|-?\d{1,5})$/;
function isSecretPair(key: string, value: string): boolean {
  if (!isSecretKey(key)) return false;
  return !(/^code$/i.test(key) && ERROR_CODE.test(value));
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'private-token']);
const isSecretHeader = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase()) || isSecretKey(name);

/** Headers with credentials masked (`Authorization: Bearer x` keeps its scheme); other values pass the free-text rules. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redactHeaderValue(name, value);
  return out;
}

function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (!isSecretHeader(name)) return maskSecretPatterns(value);
  if (holdsMask(value)) return value;
  if (lower.endsWith('authorization')) {
    const scheme = /^([A-Za-z][\w-]*)(\s+)(\S.*)$/.exec(value);
    return scheme ? `${scheme[1]}${scheme[2]}${redactSecret(scheme[3]!)}` : redactSecret(value);
  }
  return lower.includes('cookie') ? '[redacted]' : redactSecret(value);
}

/**
 * A URL fit for display: userinfo masked, and secret-named parameters of the query and of the
 * fragment (the implicit flow returns `#access_token=…`, RFC 6749 §4.2.2) masked. Text that is not
 * a URL gets the free-text rules. The result is for reading, not for fetching.
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(url.trim());
  if (!m) return maskSecretPatterns(url);
  const [, scheme, userinfo, rest, query, fragment] = m;
  return `${scheme}${userinfo ? `${redactSecret(userinfo.slice(0, -1))}@` : ''}${maskSecretPatterns(rest ?? '')}`
    + `${query ? `?${redactParams(query.slice(1))}` : ''}${fragment ? `#${redactParams(fragment.slice(1))}` : ''}`;
}

function redactParams(params: string): string {
  if (!params.includes('=')) return maskSecretPatterns(params);
  return params.split('&').map((pair) => {
    const at = pair.indexOf('=');
    if (at === -1) return maskSecretPatterns(pair);
    const [key, raw] = [pair.slice(0, at), pair.slice(at + 1)];
    let value = raw;
    try { value = decodeURIComponent(raw.replace(/\+/g, ' ')); } catch { /* shown as sent */ }
    let name = key;
    try { name = decodeURIComponent(key); } catch { /* shown as sent */ }
    return isSecretPair(name, value) && !holdsMask(value) ? `${key}=${redactSecret(value)}` : `${key}=${maskSecretPatterns(raw)}`;
  }).join('&');
}

/** Objects whose every string value is a secret: a server's environment (`env`), HTTP headers sent by a config. */
export const SECRET_CONTAINERS: ReadonlySet<string> = new Set(['env', 'headers']);

/**
 * A JSON-ish value with every secret-named property masked, every string under an `env` or
 * `headers` object masked, arrays of strings read as arguments (redactArgs) and the free-text
 * rules applied to every other string.
 */
export function redactValue(value: unknown, allSecret = false): unknown {
  if (typeof value === 'string') return allSecret ? maskWhole(value) : maskSecretPatterns(value);
  if (Array.isArray(value)) {
    if (!allSecret && value.every((v) => typeof v === 'string')) return redactArgs(value as string[]);
    return value.map((v) => redactValue(v, allSecret));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = typeof inner === 'string' && isSecretPair(key, inner) ? maskWhole(inner) : redactValue(inner, allSecret || SECRET_CONTAINERS.has(key));
    }
    return out;
  }
  return value;
}

const maskWhole = (v: string): string => (MASKED.test(v) ? v : redactSecret(v));

const KEY = String.raw`-{0,2}[A-Za-z_][\w.-]*`;
/** A redactSecret output as a value, matched whole so masking stays idempotent. */
const MASK = String.raw`[^\s…"']{0,4}…\(\d+ chars\)`;
/** `"key": "value"`, also inside a JSON string (`{\"client_secret\":\"…\"}`). */
const JSON_PAIR = /"([^"\\]{1,80})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const ESCAPED_JSON_PAIR = /\\"([^"\\]{1,80})\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)\\"/g;
/** `KEY=value`, `--flag=value`, `?key=value&`: a quoted value whole, else up to a delimiter. */
const FORM_PAIR = new RegExp(String.raw`(^|[^\w.-])(${KEY})=(${MASK}|"[^"\n]*"|'[^'\n]*'|[^&\s"',;<>]+)`, 'g');
/** `--token value`, `-p value` in a command line. */
const FLAG_VALUE = new RegExp(String.raw`(^|\s)(-{1,2}[A-Za-z][\w-]*)(\s+)(${MASK}|"[^"\n]*"|'[^'\n]*'|[^\s"'<\[{$…-][^\s"']*)`, 'g');
/** `key: value` (YAML, logs); masked when the value looks like a credential (TOKENISH). */
const COLON_PAIR = new RegExp(String.raw`(^|[^\w.-])(${KEY})(\s*:\s*)(${MASK}|[^\s"',;<>]+)`, 'g');
/** `Authorization: …` / `Cookie: …` header text up to the end of the line or a quote. */
const HEADER_TEXT = /\b((?:proxy-)?authorization|(?:set-)?cookie|x-api-key|private-token|x-auth-token)(\s*:\s*)([^\r\n"'`]+)/gi;
/**
 * `Bearer <token>` / `Basic <credentials>`: a token68 (RFC 7235 §2.1) of 8+ characters with a digit
 * or one of `._~+/=`, a JWT's `eyJ` start, or 20+ characters, so prose ("a Bearer challenge",
 * "Bearer WWW-Authenticate") and auth-params (`Bearer error="…"`) stay.
 */
const SCHEME_TOKEN = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9._~+/=…-]|\s*=|")/gi;
const TOKENISH = /^(?=.{8,}$)(?:.*[0-9._~+/=]|eyJ|.{20})/;
/** URL userinfo `scheme://user:password@host` (RFC 3986 §3.2.1). */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>]+)@/gi;
/** A JWS/JWE in compact form (RFC 7515 §7.1, RFC 7516 §7.1): base64url parts after an `eyJ` header. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
/**
 * Tokens whose issuers give them a fixed prefix so they can be recognised anywhere (GitHub ghp_ /
 * gho_ / ghu_ / ghs_ / ghr_ / github_pat_, GitLab glpat-, Slack xox?-, OpenAI/Stripe sk-, AWS
 * AKIA/ASIA, Google AIza / ya29., npm_, PyPI pypi-, Hugging Face hf_, Shopify shp??_, SendGrid SG.).
 */
const PREFIXED = /\b(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|sk-|[sr]k_(?:live|test)_|AKIA|ASIA|AIza|ya29\.|npm_|pypi-|hf_|shp(?:at|ss|ca|pa)_|SG\.)[A-Za-z0-9_\-./+=]{12,}/g;

const unquote = (v: string): [string, string] => (/^(["']).*\1$/s.test(v) ? [v[0]!, v.slice(1, -1)] : ['', v]);
function maskQuoted(v: string): string {
  const [q, inner] = unquote(v);
  return holdsMask(inner) ? v : `${q}${redactSecret(inner)}${q}`;
}

/**
 * The free-text rules: secret-named `"key": "value"`, `KEY=value`, `--flag value` and
 * `key: token`; header text; Bearer/Basic credentials; URL userinfo; compact JWTs; prefixed
 * tokens. Idempotent: a masked value is never masked again.
 */
export function maskSecretPatterns(text: string): string {
  if (text.length < 5) return text;
  return text
    .replace(JSON_PAIR, (m, key: string, sep: string, v: string) => (isSecretPair(key, v) && !holdsMask(v) ? `"${key}"${sep}"${redactSecret(v)}"` : m))
    .replace(ESCAPED_JSON_PAIR, (m, key: string, sep: string, v: string) => (isSecretKey(key) && !holdsMask(v) ? `\\"${key}\\"${sep}\\"${redactSecret(v)}\\"` : m))
    .replace(HEADER_TEXT, (m, name: string, sep: string, value: string) => (holdsMask(value) ? m : `${name}${sep}${redactHeaderValue(name, value.trimEnd())}${value.slice(value.trimEnd().length)}`))
    .replace(FORM_PAIR, (m, pre: string, key: string, v: string) => (isSecretPair(key, unquote(v)[1]) ? `${pre}${key}=${maskQuoted(v)}` : m))
    .replace(FLAG_VALUE, (m, pre: string, flag: string, sp: string, v: string) => (isSecretKey(flag) && (!/^-?\d+$/.test(v) || isPasswordKey(flag)) ? `${pre}${flag}${sp}${maskQuoted(v)}` : m))
    .replace(COLON_PAIR, (m, pre: string, key: string, sep: string, v: string) => (isSecretKey(key) && TOKENISH.test(v) && !holdsMask(v) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? `${pre}${key}${sep}${redactSecret(v)}` : m))
    .replace(SCHEME_TOKEN, (m, scheme: string, sp: string, v: string) => (TOKENISH.test(v) ? `${scheme}${sp}${redactSecret(v)}` : m))
    .replace(USERINFO, (_m, scheme: string, info: string) => `${scheme}${holdsMask(info) ? info : redactSecret(info)}@`)
    .replace(JWT, (jwt) => redactSecret(jwt))
    .replace(PREFIXED, (token) => redactSecret(token));
}

/**
 * Free text fit for evidence (response bodies, stderr, logs): JSON text gets its secret properties
 * masked (redactValue, re-serialised); anything else the free-text rules; known secret values
 * (tokens this process holds) are masked anywhere.
 */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out: string;
  try {
    out = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    out = maskSecretPatterns(text);
  }
  return maskKnownSecrets(out, knownSecrets);
}

const HEADER_FLAGS = new Set(['--header', '-H']);

/**
 * Command-line arguments fit for evidence: the value after a secret-named flag (`--token x`,
 * `--client-secret x`) is masked whole, `--header "Authorization: Bearer …"` keeps its scheme,
 * other credential-looking header values are masked whole, JSON arguments (mcp-remote's
 * `--static-oauth-client-info`) lose their secret properties, and every argument gets the
 * free-text rules (`--api-key=…`, URLs with userinfo or secret query parameters, JWTs).
 */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((a, i) => {
    const flag = args[i - 1];
    // A placeholder in a suggested command (`--token <token>`, `--token "$TOKEN"`) is not a secret.
    if (/^(?:<[^<>]*>|\$\{?\w+\}?)$/.test(a)) return a;
    if (flag !== undefined && /^-{1,2}[A-Za-z]/.test(flag) && !flag.includes('=')) {
      if (HEADER_FLAGS.has(flag)) return redactHeaderArg(a);
      if (isSecretKey(flag) && !/^-/.test(a)) return MASKED.test(a) ? a : redactSecret(a);
    }
    if (a.startsWith('--header=')) return `--header=${redactHeaderArg(a.slice('--header='.length))}`;
    if (/^\s*[[{]/.test(a)) {
      try { return JSON.stringify(redactValue(JSON.parse(a))); } catch { /* not JSON: free text */ }
    }
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(a) ? redactUrl(a) : maskSecretPatterns(a);
  });
}

function redactHeaderArg(header: string): string {
  const at = header.indexOf(':');
  if (at === -1) return maskSecretPatterns(header);
  const [name, raw] = [header.slice(0, at).trim(), header.slice(at + 1).trim()];
  if (isSecretHeader(name)) return `${name}: ${redactHeaderValue(name, raw)}`;
  return /token|key|secret|auth|cookie|session|pass/i.test(name) && !holdsMask(raw) ? `${name}: [redacted]` : `${name}: ${maskSecretPatterns(raw)}`;
}

/**
 * A result (a doctor check, a verify or bridge step, a whole report) fit for every door: the
 * value rules (redactValue), then every secret this process holds masked wherever it appears.
 */
export function redactEvidence<T>(value: T, knownSecrets: readonly string[] = []): T {
  const redacted = redactValue(value);
  const known = knownSecrets.filter((s) => s.length >= 8);
  return (known.length ? JSON.parse(maskKnownSecrets(JSON.stringify(redacted), known)) : redacted) as T;
}

/** Replaces each known secret value (a token this process holds) wherever it appears. */
export function maskKnownSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(redactSecret(secret));
  }
  return out;
}
