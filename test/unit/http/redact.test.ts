import { describe, expect, it } from 'vitest';
import { redactHeaders, redactSecret, redactText, redactUrl, redactValue } from '../../../main/core/http/redact.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redaction', () => {
  it('keeps a short prefix and the length only', () => {
    expect(redactSecret(token)).toBe(`eyJh…(${token.length} chars)`);
    expect(redactSecret('abc')).toBe('…(3 chars)');
  });
  it('redacts bearer tokens and cookies in headers', () => {
    const out = redactHeaders({ Authorization: `Bearer ${token}`, Cookie: 'sid=1', Accept: 'x' });
    expect(JSON.stringify(out)).not.toContain(token);
    expect(out.Authorization).toMatch(/^Bearer eyJh…/);
    expect(out.Cookie).toBe('[redacted]');
    expect(out.Accept).toBe('x');
  });
  it('redacts codes in URLs and secrets in JSON bodies', () => {
    expect(redactUrl('http://127.0.0.1:1/callback?code=abcdefghijkl&state=s')).not.toContain('abcdefghijkl');
    const body = redactText(JSON.stringify({ access_token: token, nested: { refresh_token: token }, scope: 'a b' }));
    expect(body).not.toContain(token);
    expect(body).toContain('"scope":"a b"');
    expect(redactText(`access_token=${token}&x=1`)).not.toContain(token);
    expect(JSON.stringify(redactValue([{ id_token: token }]))).not.toContain(token);
  });
});
