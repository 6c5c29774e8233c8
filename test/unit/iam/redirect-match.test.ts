import { describe, expect, it } from 'vitest';
import { casdoorOriginAllowed, casdoorRedirectAllowed, hanzoRedirectAllowed } from '../../iam/core/redirect-match.js';

const guide = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];

describe('casdoorRedirectAllowed (docs/iam-facts.md: any loopback, `*` never matches by itself)', () => {
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

describe('casdoorRedirectAllowed list entries (Casdoor redirectUriMatchesPattern)', () => {
  const cases: [string, string, boolean][] = [
    // An entry with a host: scheme, port and path equal; same host or a subdomain; the query is not compared.
    ['https://app.example.com/cb', 'https://app.example.com/cb', true],
    ['https://eu.app.example.com/cb', 'https://app.example.com/cb', true],
    ['https://app.example.com/cb?x=1', 'https://app.example.com/cb', true],
    ['https://evilapp.example.com/cb', 'https://app.example.com/cb', false],
    ['https://appXexample.com/cb', 'https://app.example.com/cb', false],
    ['http://app.example.com/cb', 'https://app.example.com/cb', false],
    ['https://app.example.com:8443/cb', 'https://app.example.com/cb', false],
    ['https://app.example.com/cb/more', 'https://app.example.com/cb', false],
    // An entry without a scheme: host (or subdomain), http(s), path only when the entry has one.
    ['https://app.example.com/anything', 'app.example.com', true],
    ['http://x.app.example.com/cb', 'app.example.com/cb', true],
    ['https://app.example.com/other', 'app.example.com/cb', false],
    ['https://a.example.com/x', '.example.com', true],
    // Otherwise a regular expression anchored at both ends, reached only by an entry that is no URL even
    // with https:// put in front (Go refuses the `\\` in its host); one with a scheme is read as host "https".
    ['https://tenant-7.example.org/cb', '.*\\.example\\.org/cb', true],
    ['https://tenant-7.example.org/cb/x', '.*\\.example\\.org/cb', false],
    ['https://tenant-7.example.org/cb', 'https://tenant-[0-9]+\\.example\\.org/cb', false],
    // `*` never matches by itself.
    ['https://app.example.com/cb', '*', false],
    ['https://app.example.com:5000/cb', 'https://app.example.com:*/cb', false],
  ];
  it.each(cases)('%s against %s -> %s', (uri, entry, allowed) => {
    expect(casdoorRedirectAllowed(uri, [entry], false)).toBe(allowed);
  });
});

describe('casdoorOriginAllowed (Casdoor IsOriginValid, the CORS rule)', () => {
  const registered = ['https://app.example.com/cb', ...guide];
  it.each([
    ['http://localhost:5173', true],
    ['https://localhost', true],
    ['http://127.0.0.1:8080', true],
    ['https://127.0.0.1:8080', false],
    ['http://[::1]:8080', false],
    ['https://app.example.com', true],
    ['https://eu.app.example.com', true],
    ['http://app.example.com', false],
    ['https://app.example.com:8443', false],
    ['https://evil.example.com', false],
  ])('%s -> %s', (origin, allowed) => {
    expect(casdoorOriginAllowed(origin, registered)).toBe(allowed);
  });
});

describe('hanzoRedirectAllowed (docs/iam-facts.md: exact, but any port for http://127.0.0.1 and http://[::1])', () => {
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
