/**
 * MCP 2025-11-25 §Step-Up Authorization Flow: on an HTTP 403 `insufficient_scope` challenge whose
 * `scope` names scopes not yet requested, re-authorize once with the union and reconnect. Bounded by
 * `maxStepUps` (default 1), so a server that never accepts cannot loop the client.
 */
import * as oidc from 'openid-client';
import type { InsufficientScope } from '../mcp/session.js';
import { connectMcp } from '../mcp/session.js';
import type { StepOutcome, VerifyContext } from './context.js';
import { authorizeAndExchange, startReceiver } from './steps-oauth.js';

export type RecordStep = (outcome: StepOutcome, started: number) => void;

/** Returns the scopes added when the step-up succeeded and the session was re-established. */
export async function stepUp(ctx: VerifyContext, found: InsufficientScope | undefined, record: RecordStep): Promise<string[] | undefined> {
  const needed = found?.dialect === 'http-403' ? found.requiredScope?.split(' ').filter(Boolean) : undefined;
  const extra = needed?.filter((s) => !ctx.state.requestedScopes.includes(s)) ?? [];
  if (!needed || !extra.length || ctx.state.authorizationAttempts > (ctx.options.maxStepUps ?? 1)) return undefined;
  const started = ctx.deps.now();
  const scopes = [...new Set([...ctx.state.requestedScopes, ...needed])];
  ctx.secrets.state = oidc.randomState();
  const again = await authorizeAndExchange(ctx, await startReceiver(ctx, ctx.secrets.state), scopes);
  if (again.exchange.status !== 'pass') {
    record({ status: 'fail', evidence: { addedScopes: extra, authorize: again.authorize, callback: again.callback, exchange: again.exchange },
      cause: `step-up re-authorization failed: ${again.exchange.cause ?? again.callback.cause ?? again.redirect.cause ?? again.authorize.cause}` }, started);
    return undefined;
  }
  record({ status: 'warn', evidence: { addedScopes: extra, scope: scopes.join(' ') }, cause: `the server demanded step-up to ${extra.join(' ')}; re-authorized`,
    fix: `Request ${extra.join(' ')} up front so clients need no step-up.`, fixAction: { action: 'verify.set-scopes', scopes: scopes.join(' ') } }, started);
  ctx.state.requestedScopes = scopes;
  await ctx.session?.close();
  ctx.session = await connectMcp({ url: ctx.options.url, accessToken: ctx.secrets.accessToken!, fetch: ctx.deps.fetch }, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, clientName: 'iam-mcp-helper-verify' });
  return extra;
}

/** The scope finding after a successful step-up: it worked, but the first scopes were short. */
export function steppedUpWarning(evidence: Record<string, unknown>, extra: string[]): StepOutcome {
  return {
    status: 'warn', evidence: { ...evidence, steppedUpTo: extra },
    cause: `the scopes first requested lack ${extra.join(' ')}: the tool worked only after a step-up (HTTP 403 insufficient_scope)`,
    fix: `Add ${extra.join(' ')} to the scopes the client requests (the mcp-remote entry's scope).`,
  };
}
