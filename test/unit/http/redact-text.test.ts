import { describe, expect, it } from 'vitest';
import { isSecretKey, redactArgs, redactText } from '../../../main/core/http/redact.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const secret = 'Zq8xP2vL9mN4kR7t';

describe('redactText: the one free-text redactor', () => {
  it('matches secret keys in snake_case, camelCase and kebab-case', () => {
    for (const k of ['client_secret', 'clientSecret', 'client-secret', 'CLIENT_SECRET', 'accessToken', 'refreshToken', 'idToken', 'codeVerifier']) {
      expect(isSecretKey(k)).toBe(true);
    }
    for (const k of ['client_id', 'clientId', 'scope', 'tokenType', 'token_type', 'expires_in']) expect(isSecretKey(k)).toBe(false);
  });

  it('JSON text: every secret property, camelCase too, at any depth', () => {
    const out = redactText(JSON.stringify({ clientSecret: secret, nested: [{ accessToken: token, refreshToken: token, idToken: token }], client_id: 'abc' }));
    expect(out).not.toContain(secret);
    expect(out).not.toContain(token);
    expect(out).toContain('"client_id":"abc"');
  });

  it('non-JSON text: key=value and "key":"value" for every secret key (the old non-JSON list missed token, assertion, device_code…)', () => {
    for (const key of ['access_token', 'refresh_token', 'id_token', 'code', 'code_verifier', 'client_secret', 'token', 'password', 'assertion',
      'device_code', 'subject_token', 'actor_token', 'accessToken', 'clientSecret']) {
      const form = redactText(`POST /token ${key}=${secret}&x=1`);
      expect(form, key).not.toContain(secret);
      expect(form).toContain('&x=1');
      const json = redactText(`got {"${key}": "${secret}", "scope": "a b"} then more`);
      expect(json, key).not.toContain(secret);
      expect(json).toContain('"scope": "a b"');
    }
  });

  it('Bearer and Basic credentials, Authorization and Cookie header text', () => {
    expect(redactText(`sending Bearer ${token} to the server`)).not.toContain(token);
    expect(redactText(`bearer ${token}`)).toMatch(/^bearer eyJhbG…\(\d+ chars\)$/);
    expect(redactText('Basic Y2xpZW50OnNlY3JldA==')).not.toContain('Y2xpZW50OnNlY3JldA');
    expect(redactText(`Authorization: ${secret}`)).not.toContain(secret);
    expect(redactText(`header Authorization: Bearer ${secret}`)).toMatch(/Authorization: Bearer Zq8xP2…\(16 chars\)/);
    expect(redactText('Cookie: sid=abcdefgh12345; theme=dark')).not.toContain('abcdefgh12345');
    expect(redactText('Set-Cookie: casdoor_session_id=0123456789abcdef; Path=/')).not.toContain('0123456789abcdef');
  });

  it('leaves prose and challenge parameters alone, and is idempotent', () => {
    const prose = 'the server answered 401 without a Bearer WWW-Authenticate challenge; Bearer error="invalid_token", realm="iam"';
    expect(redactText(prose)).toBe(prose);
    expect(redactText('exit status 1, scope=openid')).toBe('exit status 1, scope=openid');
    const once = redactText(`{"access_token":"${token}"} Authorization: Bearer ${token} code=${secret}`);
    expect(redactText(once)).toBe(once);
    expect(once).toContain(`(${token.length} chars)`);
  });

  it('masks known secret values anywhere', () => {
    expect(redactText(`weird place: ${secret}!`, [secret])).not.toContain(secret);
  });
});

describe('redactArgs', () => {
  it('masks --header credentials, client-info secrets and secret-shaped text in any argument', () => {
    const args = ['-y', 'mcp-remote@0.15.1', 'https://iam.example.com/api/mcp', '--header', `Authorization: Bearer ${token}`,
      '--header', `X-Api-Key: ${secret}`, '--header', 'Accept: text/event-stream',
      '--static-oauth-client-info', JSON.stringify({ client_id: 'abc', client_secret: secret }), `--header=Authorization: Bearer ${token}`];
    const out = redactArgs(args);
    const text = JSON.stringify(out);
    expect(text).not.toContain(token);
    expect(text).not.toContain(secret);
    expect(out[4]).toMatch(/^Authorization: Bearer eyJhbG…/);
    expect(out[6]).toBe('X-Api-Key: [redacted]');
    expect(out[8]).toBe('Accept: text/event-stream');
    expect(out.slice(0, 3)).toEqual(args.slice(0, 3));
    expect(JSON.parse(out[10]!)).toMatchObject({ client_id: 'abc' });
  });
});
