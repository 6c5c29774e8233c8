/**
 * The verifier's step table (design.md §5): probe -> discovery -> client -> authorize -> callback
 * -> token -> inspect -> expiry -> refresh -> MCP -> cleanup. Every step yields a CheckResult; a
 * failed step never throws, and steps that depend on it are skipped with the reason. Cleanup
 * always runs.
 */
import * as oidc from 'openid-client';
import type { CheckResult } from '../../shared/check.js';
import { maskKnownSecrets, redactSecret } from '../http/redact.js';
import type { CallbackServer } from '../oauth/callback-server.js';
import { connectMcp } from '../mcp/session.js';
import { makeContext, skip, type StepOutcome, type VerifyContext } from './context.js';
import { stepAuthorizationServer, stepClient, stepProbe, stepProtectedResource } from './steps-discovery.js';
import { authorizeAndExchange, startReceiver, type AuthorizationOutcomes } from './steps-oauth.js';
import { stepExpiry, stepInspect, stepRefresh } from './steps-token.js';
import { callTool, stepInitialize, stepRevoke, stepToolsList } from './steps-mcp.js';
import type { StepId, VerifyDeps, VerifyOptions, VerifyResult } from './types.js';

export const STEP_TITLES: Record<StepId | 'scope.step-up', string> = {
  'mcp.probe': 'Probe the MCP URL without a token',
  'discovery.protected-resource': 'Protected-resource metadata (RFC 9728)',
  'discovery.authorization-server': 'Authorization-server metadata (RFC 8414 / OIDC)',
  'oauth.client': 'Client identity',
  'oauth.authorize': 'Authorization request (PKCE S256)',
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
  record(id: StepId | 'scope.step-up', outcome: StepOutcome, started: number): void {
    const { blocks, ...rest } = outcome;
    const masked = JSON.parse(maskKnownSecrets(JSON.stringify(rest), this.secrets())) as typeof rest;
    const result: CheckResult = { id, title: STEP_TITLES[id], ...masked, durationMs: this.ctx.deps.now() - started };
    this.steps.push(result);
    if (outcome.status === 'fail' && blocks && !this.blockedBy) this.blockedBy = blocks;
    this.ctx.deps.onProgress?.({ id, phase: 'end', title: result.title, result });
  }

  async run(id: StepId, fn: () => Promise<StepOutcome>, always = false): Promise<void> {
    const started = this.ctx.deps.now();
    if (this.blockedBy && !always) return this.record(id, skip(`not run: ${this.blockedBy}`), started);
    if (this.ctx.signal.aborted && !always) return this.record(id, skip('cancelled'), started);
    this.ctx.deps.onProgress?.({ id, phase: 'start', title: STEP_TITLES[id] });
    let outcome: StepOutcome;
    try {
      outcome = await fn();
    } catch (error) {
      outcome = { status: 'fail', evidence: {}, cause: `unexpected error: ${(error as Error).message}`, blocks: 'an earlier step crashed' };
    }
    this.record(id, outcome, started);
  }
}

async function newReceiver(ctx: VerifyContext): Promise<CallbackServer> {
  ctx.secrets.state = oidc.randomState();
  return startReceiver(ctx, ctx.secrets.state);
}

export async function runVerify(options: VerifyOptions, deps: VerifyDeps): Promise<VerifyResult> {
  const started = deps.now();
  const ctx = makeContext(options, deps, deps.signal ?? new AbortController().signal);
  const rec = new Recorder(ctx);
  let receiver: CallbackServer | undefined;
  try {
    await rec.run('mcp.probe', () => stepProbe(ctx));
    await rec.run('discovery.protected-resource', () => stepProtectedResource(ctx));
    await rec.run('discovery.authorization-server', () => stepAuthorizationServer(ctx));
    await rec.run('oauth.client', async () => {
      try {
        receiver = await newReceiver(ctx);
      } catch (error) {
        return { status: 'fail', evidence: { port: options.callbackPort ?? 0 }, cause: (error as Error).message, fix: 'Pick another --callback-port, or 0 for any free port.', blocks: 'no callback server' };
      }
      return stepClient(ctx, receiver.redirectUri);
    });
    let auth: AuthorizationOutcomes | undefined;
    await rec.run('oauth.authorize', async () => {
      auth = await authorizeAndExchange(ctx, receiver!, ctx.state.requestedScopes);
      return { ...auth.authorize, blocks: auth.authorize.status === 'fail' ? 'the authorization request failed' : undefined } as StepOutcome;
    });
    await rec.run('redirect.loopback', async () => auth!.redirect);
    await rec.run('oauth.callback', async () => auth!.callback);
    await rec.run('token.exchange', async () => auth!.exchange);
    await rec.run('token.inspect', () => stepInspect(ctx));
    await rec.run('token.expiry', () => stepExpiry(ctx));
    await rec.run('token.refresh', () => stepRefresh(ctx));
    await rec.run('mcp.initialize', () => stepInitialize(ctx));
    await rec.run('mcp.tools-list', () => stepToolsList(ctx));
    let scopeOutcome: StepOutcome | undefined;
    await rec.run('mcp.tool-call', async () => {
      let result = await callTool(ctx);
      const needed = result.found?.dialect === 'http-403' ? result.found.requiredScope?.split(' ').filter(Boolean) : undefined;
      const extra = needed?.filter((s) => !ctx.state.requestedScopes.includes(s)) ?? [];
      if (needed && extra.length && ctx.state.authorizationAttempts <= (options.maxStepUps ?? 1)) {
        // MCP 2025-11-25 §Step-Up Authorization Flow: re-authorize with the challenged scopes, retry once.
        const stepStarted = deps.now();
        const scopes = [...new Set([...ctx.state.requestedScopes, ...needed])];
        const again = await authorizeAndExchange(ctx, await newReceiver(ctx), scopes);
        const ok = again.exchange.status === 'pass';
        rec.record('scope.step-up', ok
          ? { status: 'warn', evidence: { addedScopes: extra, scope: scopes.join(' ') }, cause: `the server demanded step-up to ${extra.join(' ')}; re-authorized`, fix: `Request ${extra.join(' ')} up front (--scopes) so clients need no step-up.` }
          : { status: 'fail', evidence: { addedScopes: extra, authorize: again.authorize, callback: again.callback, exchange: again.exchange }, cause: `step-up re-authorization failed: ${again.exchange.cause ?? again.callback.cause ?? again.redirect.cause ?? again.authorize.cause}` }, stepStarted);
        if (ok) {
          ctx.state.requestedScopes = scopes;
          await ctx.session?.close();
          ctx.session = await connectMcp(options.url, ctx.secrets.accessToken!, deps.fetch, ctx.timeoutMs);
          result = await callTool(ctx);
          if (result.scope.status === 'pass') {
            result.scope = { status: 'warn', evidence: { ...result.scope.evidence, steppedUpTo: extra },
              cause: `the scopes first requested lack ${extra.join(' ')}: the tool worked only after a step-up (HTTP 403 insufficient_scope)`,
              fix: `Add ${extra.join(' ')} to the scopes the client requests (the mcp-remote entry's scope).` };
          }
        }
      }
      scopeOutcome = result.scope;
      return result.call;
    });
    await rec.run('scope.tool-access', async () => scopeOutcome ?? skip('no tool call'));
  } finally {
    await receiver?.stop();
    await rec.run('cleanup.revoke', () => stepRevoke(ctx), true);
  }
  const result: VerifyResult = { version: 1, steps: rec.steps, durationMs: deps.now() - started };
  if (ctx.secrets.accessToken) result.token = { claims: ctx.state.claims ?? {}, redacted: redactSecret(ctx.secrets.accessToken) };
  if (ctx.state.tools) result.tools = ctx.state.tools;
  return result;
}

/** Exit-code rule: any failed step fails the run; warn and skip do not. */
export function verifyPassed(result: VerifyResult): boolean {
  return result.steps.every((s) => s.status !== 'fail');
}
