/**
 * The runner over the step table (step-table.ts): probe -> discovery -> client -> authorize ->
 * callback -> token -> inspect -> expiry -> refresh -> MCP -> cleanup. Every step yields a
 * CheckResult; a failed step never throws, steps after a blocking failure are skipped with the
 * reason, cleanup always runs. Evidence is masked against every secret held before it leaves.
 */
import type { CheckResult } from '../../contract/check.js';
import { redactEvidence, redactSecret } from '../http/redact.js';
import { makeContext, skip, type StepOutcome, type VerifyContext } from './context.js';
import type { RecordStep } from './step-up.js';
import { VERIFY_STEPS } from './step-table.js';
import { DEFAULT_CALLBACK_TIMEOUT_MS } from '../oauth/callback-server.js';
import type { StepId, VerifyDeps, VerifyOptions, VerifyResult } from './types.js';

export const STEP_TITLES: Record<StepId, string> = {
  'mcp.probe': 'Probe the MCP URL without a token',
  'discovery.protected-resource': 'Protected-resource metadata (RFC 9728)',
  'discovery.authorization-server': 'Authorization-server metadata (RFC 8414 / OIDC)',
  'oauth.client': 'Client identity',
  'oauth.authorize': 'Authorization request (PKCE S256)',
  'oauth.sign-in': 'Sign-in in the browser',
  'redirect.loopback': 'Loopback redirect accepted',
  'oauth.callback': 'Callback (state, iss)',
  'token.exchange': 'Code exchanged for tokens',
  'token.inspect': 'Access token inspected',
  'token.expiry': 'Token lifetime and clocks',
  'token.refresh': 'Refresh once',
  'mcp.initialize': 'MCP initialize with the token',
  'mcp.tools-list': 'MCP tools/list',
  'mcp.tool-call': 'MCP read-only tool call',
  'scope.tool-access': 'Scopes allow the tool',
  'scope.step-up': 'Step-up re-authorization',
  'cleanup.revoke': 'Revoke the tokens obtained',
};

class Recorder {
  readonly steps: CheckResult[] = [];
  blockedBy: string | undefined;
  constructor(private ctx: VerifyContext) {}

  private secrets(): string[] {
    const s = this.ctx.secrets;
    return [...s.issued.map((i) => i.token), s.clientSecret, s.codeVerifier, s.callbackUrl ? new URL(s.callbackUrl).searchParams.get('code') ?? '' : ''].filter((x): x is string => !!x);
  }

  /** Records a step, masking any secret we hold wherever it appears in the evidence. */
  record(id: StepId, outcome: StepOutcome, started: number): void {
    const { blocks, ...rest } = outcome;
    const masked = redactEvidence(rest, this.secrets());
    const result: CheckResult = { id, title: STEP_TITLES[id], ...masked, durationMs: this.ctx.deps.now() - started };
    this.steps.push(result);
    if (outcome.status === 'fail' && blocks && !this.blockedBy) this.blockedBy = blocks;
    this.ctx.deps.onProgress?.({ id, phase: 'end', title: result.title, result });
  }

  async run(id: StepId, fn: () => Promise<StepOutcome>, always = false): Promise<void> {
    const started = this.ctx.deps.now();
    if (this.blockedBy && !always) return this.record(id, skip(`not run: ${this.blockedBy}`), started);
    if (this.ctx.signal.aborted && !always) return this.record(id, skip('cancelled'), started);
    // The authorization step waits for a person: say so, with the limit (a door shows the time left).
    const waitMs = this.ctx.options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
    const detail = id === 'oauth.authorize' ? { detail: { waitingFor: 'sign-in', timeoutMs: waitMs, deadline: this.ctx.deps.now() + waitMs } } : {};
    this.ctx.deps.onProgress?.({ id, phase: 'start', title: STEP_TITLES[id], ...detail });
    let outcome: StepOutcome;
    try {
      outcome = await fn();
    } catch (error) {
      outcome = { status: 'fail', evidence: {}, cause: `unexpected error: ${(error as Error).message}`, blocks: 'an earlier step crashed' };
    }
    // A step the cancel cut short did not fail: it did not finish.
    if (this.ctx.signal.aborted && outcome.status === 'fail') outcome = skip('cancelled', outcome.evidence);
    this.record(id, outcome, started);
  }
}

export async function runVerify(options: VerifyOptions, deps: VerifyDeps): Promise<VerifyResult> {
  const started = deps.now();
  const ctx = makeContext(options, deps, deps.signal ?? new AbortController().signal);
  const rec = new Recorder(ctx);
  const record: RecordStep = (outcome, at) => rec.record('scope.step-up', outcome, at);
  try {
    for (const step of VERIFY_STEPS.filter((s) => !s.always)) await rec.run(step.id, () => step.run(ctx, record));
  } finally {
    await ctx.receiver?.stop();
    for (const step of VERIFY_STEPS.filter((s) => s.always)) await rec.run(step.id, () => step.run(ctx, record), true);
  }
  const result: VerifyResult = { version: 1, ...(ctx.signal.aborted ? { cancelled: true as const } : {}), steps: rec.steps, durationMs: deps.now() - started };
  if (ctx.secrets.accessToken) result.token = { claims: ctx.state.claims ?? {}, redacted: redactSecret(ctx.secrets.accessToken) };
  if (ctx.state.tools) result.tools = ctx.state.tools;
  return result;
}

/** Exit-code rule: a cancelled run did not pass; else any failed step fails the run, warn and skip do not. */
export function verifyPassed(result: VerifyResult): boolean {
  return !result.cancelled && result.steps.every((s) => s.status !== 'fail');
}
