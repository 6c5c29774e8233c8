/**
 * The doctor's words read well in both doors: a fault's cause leads with what is wrong, and no
 * sentence tells an app user to type a helper command or flag.
 */
import { describe, expect, it } from 'vitest';
import { say, skipWords } from '../../../main/core/diagnostics/words.js';

/** A helper command or one of the helper's own flags (mcp-remote's flags belong in the entry and may be named). */
const HELPER_CLI = /iam-mcp-helper|--(login|token|offline|use-bridge-cache|bridge|probe-write|timeout|json|report|headless|browser-command)\b/;

describe('doctor words for both doors', () => {
  it('a scope the application refuses is named first, with the scopes and the server\'s words; no request jargon', () => {
    const w = say('redirect-scope-refused', { scopes: 'openid application:read', uri: 'http://127.0.0.1:20000/callback', said: 'Invalid scope' });
    expect(w.cause).toBe('The server refuses the requested scopes "openid application:read" (it answered "Invalid scope"): the application in IAM does not allow one of them, so the sign-in fails before the redirect URI http://127.0.0.1:20000/callback is even checked.');
    expect(w.fix).toMatch(/^Request only scopes the application in IAM allows/);
    expect(w.fixAction).toEqual({ action: 'config.set-scopes' });
  });

  it('a refresh refused for its token\'s times blames the clocks, not the refresh grant', () => {
    const w = say('refresh-clock', { error: 'JWT timestamp claim value failed validation' });
    expect(w.cause).toMatch(/^The server renewed the token, but .*the two clocks disagree/);
    expect(w.fix).toMatch(/automatic time sync/);
  });

  it('no cause or fix an app user reads names a helper command or flag', () => {
    const shown = [
      say('callback-not-mcp-remote'), say('login-failed', { error: 'x' }), say('redirect-unclear', { method: 'GET', status: 500, uri: 'u' }),
      say('refresh-clock', { error: 'x' }), say('redirect-scope-refused', { scopes: 's', uri: 'u' }), skipWords('offline'), skipWords('no-token'),
    ];
    for (const w of shown) expect(`${w.cause} ${'fix' in w ? w.fix ?? '' : ''}`).not.toMatch(HELPER_CLI);
  });
});
