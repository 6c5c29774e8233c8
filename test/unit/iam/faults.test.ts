import { describe, expect, it } from 'vitest';
import { FAULT_NAMES, parseFault, parseFaults } from '../../iam/faults.js';

describe('parseFaults', () => {
  it('parses every fault and combines them', () => {
    expect(parseFaults([
      'redirect-strict', 'redirect-list=http://127.0.0.1/cb,http://localhost/cb', 'cors-off', 'cors-no-auth-header', 'token-ttl=30',
      'no-refresh-grant', 'refresh-expires-with-access', 'clock-skew=-90', 'revoke-all', 'app-scopes=read,application:read',
      'mcp-path=/v2/mcp', 'tls', 'slow=250', 'dcr=on', 'claude-callbacks', 'pkce-unadvertised',
    ])).toEqual({
      redirectStrict: true, redirectList: ['http://127.0.0.1/cb', 'http://localhost/cb'], corsOff: true, corsNoAuthHeader: true, tokenTtl: 30,
      noRefreshGrant: true, refreshExpiresWithAccess: true, clockSkew: -90, revokeAll: true, appScopes: ['read', 'application:read'],
      mcpPath: '/v2/mcp', tls: true, slow: 250, dcr: true, claudeCallbacks: true, pkceUnadvertised: true,
    });
    expect(FAULT_NAMES).toHaveLength(17);
    expect(parseFault('authorize-500')).toEqual({ authorize500: 'always' });
    expect(parseFault('authorize-500=resource')).toEqual({ authorize500: 'resource' });
  });

  it('later switches win and dcr=off is an explicit false', () => {
    expect(parseFaults(['slow=10', 'slow=20', 'dcr=off'])).toEqual({ slow: 20, dcr: false });
  });

  it.each([
    ['nope', /unknown fault "nope"/],
    ['token-ttl', /integer/],
    ['token-ttl=-1', /integer/],
    ['slow=1.5', /integer/],
    ['tls=yes', /takes no value/],
    ['dcr=maybe', /on or off/],
    ['mcp-path=mcp', /starting with \//],
    ['app-scopes=', /list/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseFault(spec)).toThrow(message);
  });
});
