import { describe, expect, it } from 'vitest';
import { casdoorRedirectAllowed, hanzoRedirectAllowed } from '../../iam/core/redirect-match.js';

const guide = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];

describe('casdoorRedirectAllowed (facts: any loopback, `*` never matches by itself)', () => {
  it.each([
    ['http://localhost:33418/oauth/callback', true],
    ['https://localhost/anything', true],
    ['http://127.0.0.1:1/x', true],
    ['https://127.0.0.1:1/x', false],
    ['http://[::1]:3000/callback', false],
    ['https://app.example.com/callback', false],
  ])('%s -> %s', (uri, allowed) => {
    expect(casdoorRedirectAllowed(uri, guide, false)).toBe(allowed);
  });

  it('a `*` entry does not match remote URIs, an exact entry does; strict mode is exact only', () => {
    expect(casdoorRedirectAllowed('https://app.example.com/cb', ['*'], false)).toBe(false);
    expect(casdoorRedirectAllowed('https://app.example.com/cb', ['https://app.example.com/cb'], false)).toBe(true);
    expect(casdoorRedirectAllowed('http://127.0.0.1:5000/callback', guide, true)).toBe(false);
    expect(casdoorRedirectAllowed('http://127.0.0.1:*/callback', guide, true)).toBe(true);
  });
});

describe('hanzoRedirectAllowed (facts: exact, but any port for http://127.0.0.1 and http://[::1])', () => {
  it.each([
    ['http://127.0.0.1:5000/callback', guide, true],
    ['http://127.0.0.1/callback', guide, true],
    ['http://127.0.0.1:5000/oauth/callback', guide, false],
    ['http://localhost:5000/callback', guide, false],
    ['http://localhost:5000/callback', ['http://localhost:5000/callback'], true],
    ['http://[::1]:5000/callback', ['http://[::1]/callback'], true],
    ['http://[::1]:5000/callback', guide, false],
    ['https://app.example.com/cb', ['https://app.example.com/cb'], true],
    ['https://app.example.com/cb/', ['https://app.example.com/cb'], false],
  ])('%s in %j -> %s', (uri, registered, allowed) => {
    expect(hanzoRedirectAllowed(uri, registered, false)).toBe(allowed);
  });

  it('strict mode drops the loopback port exception', () => {
    expect(hanzoRedirectAllowed('http://127.0.0.1:5000/callback', guide, true)).toBe(false);
  });
});
