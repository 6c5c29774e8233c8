/** bridge.login's verdict: proof of a completed sign-in, not just an opened URL. */
import { describe, expect, it } from 'vitest';
import { loginStep } from '../../../main/core/mcp/bridge-steps.js';

const record = { url: 'http://127.0.0.1:1/authorize?redirect_uri=x', redirectUri: 'http://127.0.0.1:2/callback' };

describe('loginStep', () => {
  it('in the user\'s browser, passes only when the MCP steps after the sign-in passed', () => {
    expect(loginStep([record], undefined, '[1] Browser opened automatically.', true).status).toBe('pass');
    const stuck = loginStep([record], undefined, '[1] Browser opened automatically.', false);
    expect(stuck.status).toBe('fail');
    expect(stuck.cause).toMatch(/opened your browser, and the sign-in did not complete/);
    expect(loginStep([record], undefined, 'Could not open a browser automatically.', false).cause).toMatch(/could not open a browser/);
  });

  it('with a browser command, follows its exit; a refusal and a stop are both named', () => {
    const browser = { command: 'x', exitCode: 0, output: '', timedOut: false, durationMs: 1, reaped: true };
    expect(loginStep([{ ...record, browser }], 'x').status).toBe('pass');
    const refused = loginStep([{ ...record, probe: { status: 400, body: 'authorization error: invalid redirect_uri' }, browser: { ...browser, exitCode: null } }], 'x');
    expect(refused.status).toBe('fail');
    expect(refused.cause).toBe('The authorization endpoint refused the request (400: authorization error: invalid redirect_uri). The browser command was stopped when the run ended.');
  });

  it('is skipped when no sign-in was asked for', () => {
    expect(loginStep([], 'x', '[1] Connected to remote server').status).toBe('skip');
  });
});
