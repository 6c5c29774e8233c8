import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from '../../main/core/oauth/client.js';
import { DEFAULT_OWNER, isLoopbackHost, ownerOf, scopesOf } from '../../main/core/server-facts.js';

describe('server-facts', () => {
  it('isLoopbackHost accepts localhost, 127.0.0.1 and ::1 in both spellings, and nothing else', () => {
    for (const h of ['localhost', '127.0.0.1', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['example.com', '127.0.0.2', 'localhost.example.com', '0.0.0.0', '']) expect(isLoopbackHost(h)).toBe(false);
    expect(isLoopbackUrl('http://[::1]:8000/token')).toBe(true);
    expect(isLoopbackUrl('http://iam.example.com/token')).toBe(false);
  });

  it('ownerOf reads owner, organization or org, else built-in', () => {
    expect(DEFAULT_OWNER).toBe('built-in');
    expect(ownerOf(undefined)).toBe('built-in');
    expect(ownerOf({ owner: '' })).toBe('built-in');
    expect(ownerOf({ owner: 'acme', org: 'x' })).toBe('acme');
    expect(ownerOf({ organization: 'o1' })).toBe('o1');
    expect(ownerOf({ org: 'o2' })).toBe('o2');
  });

  it('scopesOf prefers the token\'s claim (scope, then scp) over the token response', () => {
    expect(scopesOf({ scope: 'a  b' }, 'c')).toEqual(['a', 'b']);
    expect(scopesOf({ scp: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(scopesOf({ scp: 'a b' })).toEqual(['a', 'b']);
    expect(scopesOf({}, 'c d')).toEqual(['c', 'd']);
    expect(scopesOf({})).toBeUndefined();
  });
});
