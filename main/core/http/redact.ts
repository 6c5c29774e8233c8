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

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
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

/** A response body: JSON bodies get their secret properties redacted; known secrets are masked anywhere. */
export function redactBody(body: string, knownSecrets: readonly string[] = []): string {
  let text = body;
  try {
    text = JSON.stringify(redactValue(JSON.parse(body)));
  } catch {
    // Not JSON: fall through to masking known values and form-encoded secrets.
    text = text.replace(/\b(code|access_token|refresh_token|id_token|client_secret|code_verifier|password)=([^&\s"]+)/g,
      (_m, key: string, v: string) => `${key}=${redactSecret(v)}`);
  }
  return maskKnownSecrets(text, knownSecrets);
}

/** Replaces each known secret value (a token we hold) wherever it appears. */
export function maskKnownSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(redactSecret(secret));
  }
  return out;
}
