import { describe, expect, it } from 'vitest';
import { renderRunReport } from '../../../main/core/verify/report.js';
import type { CheckResult } from '../../../main/contract/check.js';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInNjb3BlIjoib3BlbmlkIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';
const steps: CheckResult[] = [
  { id: 'mcp.probe', status: 'pass', title: 'Probe', evidence: {} },
  { id: 'token.exchange', status: 'fail', title: 'Code exchanged for tokens', cause: 'the token endpoint refused the code exchange: invalid_grant',
    fix: 'Verify again and finish the sign-in promptly.', fixAction: { action: 'verify.run' },
    evidence: { access_token: 'at-secret-value-123456', request: { headers: { authorization: `Bearer ${jwt}` } }, body: `refresh_token=rt-secret-9876543210&x=1`, note: 'kept-secret-xyz' } },
  { id: 'redirect.loopback', status: 'warn', title: 'Loopback', cause: 'odd', evidence: {}, fixAction: { action: 'iam.register-redirect-uri', uri: 'http://127.0.0.1:1/callback' } },
];
const result = { steps, durationMs: 1234, tools: [{ name: 'get_applications' }] };

describe('renderRunReport (verify and bridge results)', () => {
  it('Markdown: target facts, a row per step, findings with fix and action, no secret', () => {
    const md = renderRunReport('verify', result, 'md', { url: 'http://127.0.0.1:1/api/mcp', clientId: 'c1', scopes: ['openid'] }, ['kept-secret-xyz']);
    expect(md).toMatch(/^# IAM MCP Helper — verify report/);
    expect(md).toContain('- MCP URL: http://127.0.0.1:1/api/mcp');
    expect(md).toContain('- Result: 1 failed, 1 warning, 1 passed, 0 skipped in 1.2 s');
    expect(md).toContain('| ✖ | `token.exchange` |');
    expect(md).toContain('**Action:** `iam.register-redirect-uri` {"action":"iam.register-redirect-uri","uri":"http://127.0.0.1:1/callback"}');
    expect(md).toContain('- Tools: get_applications');
    for (const secret of ['at-secret-value-123456', jwt, 'rt-secret-9876543210', 'kept-secret-xyz']) expect(md).not.toContain(secret);
  });

  it('JSON: the result itself, redacted the same way, for a bridge run', () => {
    const text = renderRunReport('bridge', result, 'json', { configPath: '/c.json', entryName: 'iam' }, ['kept-secret-xyz']);
    const doc = JSON.parse(text) as { kind: string; steps: CheckResult[]; target: Record<string, unknown> };
    expect(doc.kind).toBe('bridge');
    expect(doc.target).toEqual({ configPath: '/c.json', entryName: 'iam' });
    expect(doc.steps.map((s) => s.id)).toEqual(['mcp.probe', 'token.exchange', 'redirect.loopback']);
    for (const secret of ['at-secret-value-123456', jwt, 'rt-secret-9876543210', 'kept-secret-xyz']) expect(text).not.toContain(secret);
  });
});
