import { describe, expect, it } from 'vitest';
import { optionsFrom } from '../../../main/cli/commands/verify.js';
import { keyEvidence, renderStep } from '../../../main/core/verify/render.js';
import { shellQuote } from '../../../main/core/verify/browser.js';
import { verifyPassed } from '../../../main/core/verify/run-verify.js';
import type { CheckResult } from '../../../main/contract/check.js';

describe('verify rendering', () => {
  it('one line per step with its mark and key evidence; cause and fix under failures only', () => {
    const ok: CheckResult = { id: 'mcp.tool-call', status: 'pass', title: 'MCP read-only tool call', evidence: { tool: 'get_applications', args: { owner: 'built-in' } } };
    expect(renderStep(ok)).toBe('✔ mcp.tool-call                   MCP read-only tool call — get_applications {"owner":"built-in"}');
    const bad: CheckResult = { id: 'token.refresh', status: 'fail', title: 'Refresh once', evidence: {}, cause: 'the refresh grant failed', fix: 'Enable it' };
    expect(renderStep(bad).split('\n')).toEqual(['✖ token.refresh                   Refresh once', '    cause: the refresh grant failed', '    fix: Enable it']);
    const skipped: CheckResult = { id: 'token.inspect', status: 'skip', title: 'Access token inspected', evidence: {}, cause: 'no access token', fix: 'n/a' };
    expect(renderStep(skipped)).toBe('- token.inspect                   Access token inspected (skipped: no access token)');
  });

  it('probe evidence lists each hop', () => {
    expect(keyEvidence({ id: 'mcp.probe', status: 'pass', title: '', evidence: { hops: [{ method: 'initialize', status: 200 }, { method: 'tools/call', status: 401 }] } }))
      .toBe('initialize 200, tools/call 401');
  });

  it('warn and skip do not fail the run; fail does', () => {
    const r = (status: CheckResult['status']) => ({ version: 1 as const, durationMs: 0, steps: [{ id: 'x', status, title: '', evidence: {} }] });
    expect(verifyPassed(r('warn'))).toBe(true);
    expect(verifyPassed(r('skip'))).toBe(true);
    expect(verifyPassed(r('fail'))).toBe(false);
  });

  it('quotes the URL for the shell, including single quotes', () => {
    expect(shellQuote("http://h/a?x=1&y='2'")).toBe("'http://h/a?x=1&y='\\''2'\\'''");
  });
});

describe('verify options', () => {
  it('maps flags to VerifyOptions', () => {
    const { options, headless } = optionsFrom({
      url: 'https://iam.example.com/api/mcp', 'client-id': 'abc', scopes: 'openid  application:read,user:read', 'callback-port': '8765',
      'callback-path': '/cb', 'no-resource': true, keep: true, timeout: '3000', call: 'get_users', args: '{"owner":"o"}', headless: true,
    }, {}, '/');
    expect(headless).toBe(true);
    expect(options).toEqual({
      url: 'https://iam.example.com/api/mcp', clientId: 'abc', scopes: ['openid', 'application:read', 'user:read'], callbackPort: 8765,
      callbackPath: '/cb', resource: false, keep: true, timeoutMs: 3000, call: { tool: 'get_users', args: { owner: 'o' } },
    });
  });

  it('takes the client secret from the environment, never requiring it on the command line', () => {
    expect(optionsFrom({ url: 'http://h/mcp' }, { IAM_MCP_CLIENT_SECRET: 's3cret' }, '/').options.clientSecret).toBe('s3cret');
  });
});
