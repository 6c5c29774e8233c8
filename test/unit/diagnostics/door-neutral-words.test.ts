/**
 * The doctor's words reach both doors (the CLI and the app): a skip reason or a note names no
 * helper flag or command, and what lifts a skip travels as a fixAction each door phrases
 * (docs/fix-actions.md). The CLI keeps its flag on the `how:` line.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { phraseFix } from '../../../main/cli/fix-phrases.js';
import type { DoctorReport } from '../../../main/core/diagnostics/doctor.js';
import { renderText } from '../../../main/core/diagnostics/report.js';
import { say, skipWords } from '../../../main/core/diagnostics/words.js';
import { timeoutStep } from '../../../main/core/mcp/bridge-steps.js';

/** The helper's own flags and commands (mcp-remote's flags, e.g. --static-oauth-client-info, are config content, not a door). */
const HELPER_CLI = /iam-mcp-helper |--(?:login|token|use-bridge-cache|offline|probe-write|bridge|login-timeout|scopes|config|timeout|callback-port|client-id|client-secret|headless|browser-command|ca|url|name|json|report)\b|\bthe flags\b/;

const wordsOf = (w: { cause?: string; fix?: string }) => `${w.cause ?? ''} ${w.fix ?? ''}`;

describe('skip reasons and notes in words both doors can show', () => {
  it('no skip reason names a helper flag (old: "Skipped: --offline.", "use --login, --token or --use-bridge-cache")', () => {
    for (const [reason, a, b] of [['offline'], ['no-token'], ['aborted'], ['blocked', 'net.dns', 'fail'], ['blocked', 'net.dns', 'skip']] as const) {
      const w = skipWords(reason, a, b);
      expect(w.cause, reason).toMatch(/^Skipped: /);
      expect(wordsOf(w), reason).not.toMatch(HELPER_CLI);
    }
  });

  it('a check skipped for want of a token says to sign in and carries run.sign-in, which the CLI phrases with --login', () => {
    const w = skipWords('no-token');
    expect(w.fix).toBe('Sign in first to run this check.');
    expect(w.fixAction).toEqual({ action: 'run.sign-in' });
    expect(phraseFix(w.fixAction)).toMatch(/--login/);
  });

  it('every cause and fix of the doctor names no helper flag or command', async () => {
    const words = await fs.readFile(path.resolve('main/core/diagnostics/words.ts'), 'utf8');
    const routes = await fs.readFile(path.resolve('main/core/diagnostics/words-routes.ts'), 'utf8');
    const source = `${words.slice(0, words.indexOf('export const LOG_CAUSES'))}\n${routes}`;
    const keys = [...source.matchAll(/^ {2}'([a-z0-9-]+)': \(/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(60);
    const vars = { path: '/c.json', name: 'iam', why: 'a reason', url: 'https://x/api/mcp', host: 'x', port: 1, error: 'E' };
    const offenders = keys.map((k) => [k, wordsOf(say(k, vars))] as const).filter(([, text]) => HELPER_CLI.test(text));
    expect(offenders).toEqual([]);
  });

  it('the bridge run\'s time limits (shown by Verify as Claude Desktop runs it) name no flag; the limit to raise is the fixAction', () => {
    const signIn = timeoutStep({ kind: 'sign-in', ms: 120_000, deadline: 0, what: 'sign-in' }, 'the sign-in', 1);
    const request = timeoutStep({ kind: 'request', ms: 5000, deadline: 0, what: 'mcp.tools-list' }, 'tools/list', 0);
    for (const step of [signIn, request]) expect(wordsOf(step)).not.toMatch(HELPER_CLI);
    expect(phraseFix(signIn.fixAction)).toMatch(/--login-timeout/);
    expect(phraseFix(request.fixAction)).toMatch(/--timeout/);
  });

  it('the CLI prints how to lift a skip under its reason', () => {
    const skipped = { id: 'token.expiry', status: 'skip' as const, title: 'Access token is not expired', evidence: {}, ...skipWords('no-token') };
    const report: DoctorReport = { version: 1, target: { name: 'iam' }, checks: [skipped], summary: { pass: 0, warn: 0, fail: 0, skip: 1 }, durationMs: 0 };
    const text = renderText(report, [], phraseFix);
    expect(text).toMatch(/Skipped: this check needs a sign-in[^\n]*\n\s+how: +pass --login/);
  });
});
