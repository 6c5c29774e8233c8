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
    expect(redactText(`bearer ${token}`)).toMatch(/^bearer eyJh…\(\d+ chars\)$/);
    expect(redactText('Basic Y2xpZW50OnNlY3JldA==')).not.toContain('Y2xpZW50OnNlY3JldA');
    expect(redactText(`Authorization: ${secret}`)).not.toContain(secret);
    expect(redactText(`header Authorization: Bearer ${secret}`)).toMatch(/Authorization: Bearer …\(16 chars\)/);
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
    expect(out[4]).toMatch(/^Authorization: Bearer eyJh…/);
    expect(out[6]).toBe(`X-Api-Key: …(${secret.length} chars)`);
    expect(out[8]).toBe('Accept: text/event-stream');
    expect(out.slice(0, 3)).toEqual(args.slice(0, 3));
    expect(JSON.parse(out[10]!)).toMatchObject({ client_id: 'abc' });
  });
});

describe('the rules that used to let secrets through', () => {
  const GH = 'ghp_Zq8vR2mK5tW9xY3nB7cD1fG4hJ6kL0pS2uA8eT';
  const SK = 'sk-live-4f9Qw7Er2Ty5Ui8Op1As3Df6Gh9Jk';
  const PW = 'Pa55w0rdQuux7731';

  it('a short secret keeps no prefix; a long one keeps 4 characters', () => {
    expect(redactText(`password=${PW}`)).toBe('password=…(16 chars)');
    expect(redactText(`token=${GH}`)).toBe('token=ghp_…(42 chars)');
    expect(redactText('pwd=abc')).toBe('pwd=…(3 chars)');
  });

  it('api keys, secrets, assertions and private keys are secret keys in every spelling', () => {
    for (const k of ['api_key', 'apiKey', 'x-api-key', 'OPENAI_API_KEY', 'secret', 'client_assertion', 'private_key', 'privateKey', 'passwd', 'pwd',
      'credentials', 'auth', 'session', 'cookie', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', '--client-secret', '--api-key']) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ['token_type', 'tokenType', 'token_endpoint', 'client_id', 'expires_in', 'scope', 'state', 'keys', 'monkey']) expect(isSecretKey(k), k).toBe(false);
  });

  it('free text: KEY=…, --flag value, URL userinfo, bare JWTs and prefixed tokens', () => {
    const text = `GITHUB_TOKEN=${GH} OPENAI_API_KEY="${SK}" run --password ${PW} at https://admin:${PW}@db.example.com/x with ${token}; also ${GH} and ${SK}`;
    const out = redactText(text);
    for (const s of [GH, SK, PW, token]) for (const piece of [s.slice(0, 8), s.slice(-8)]) expect(out, piece).not.toContain(piece);
    expect(out).toContain('https://…(');
    expect(out).toContain('@db.example.com/x');
    expect(redactText(out)).toBe(out);
  });
});

describe('redactUrl', () => {
  it('masks secret parameters of the fragment as well as the query, and userinfo', async () => {
    const { redactUrl } = await import('../../../main/core/http/redact.js');
    const out = redactUrl(`https://u:${secret}@host.example/cb?state=s&code=${secret}#access_token=${token}&token_type=Bearer`);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(token.slice(8, 16));
    expect(out).toContain('state=s');
    expect(out).toContain('token_type=Bearer');
    expect(out).toMatch(/#access_token=eyJh…\(\d+ chars\)/);
  });
});

describe('redactArgs: the value after a secret-named flag', () => {
  it('is masked whole, whatever it looks like', () => {
    const out = redactArgs(['-y', 'gh-mcp', '--token', 'plainword', '--api-key=shortkey1', '--header', 'X-Custom-Token: abc123def', 'https://a:b@h/x?api_key=k3y3k3y3']);
    expect(out.slice(0, 3)).toEqual(['-y', 'gh-mcp', '--token']);
    expect(out[3]).toBe('…(9 chars)');
    expect(out[4]).toBe('--api-key=…(9 chars)');
    expect(out[6]).toBe('X-Custom-Token: …(9 chars)');
    expect(out[7]).not.toMatch(/k3y3k3y3|a:b@/);
  });
});

describe('a number after a password flag in free text', () => {
  it('is masked (a PIN or a default password such as "123" is a password); a number after another secret-named flag stays', () => {
    const command = '"/usr/bin/node" "/opt/login.js" --user admin --password 123';
    for (const out of [redactText(command), redactText(JSON.stringify({ browserCommand: { command } }))]) {
      expect(out).not.toMatch(/--password 123/);
      expect(out).toMatch(/--password …\(3 chars\)/);
      expect(out).toContain('--user admin');
    }
    expect(redactText('login --passwd 20481357 --pwd 4711')).not.toMatch(/20481357|4711/);
    expect(redactText('login --client-secret 99887766')).not.toContain('99887766');
    // Counts after a token-ish flag are not credentials.
    expect(redactText('run --max-tokens 100')).toBe('run --max-tokens 100');
  });
});
