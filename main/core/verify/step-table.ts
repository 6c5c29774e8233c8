/**
 * The verifier's step table (docs/architecture.md, Conventions 4), in order. Each entry is `(ctx) => StepOutcome`; the
 * runner (run-verify.ts) records it as a CheckResult, skips dependants of a blocking failure, and
 * always runs the `always` entries. Steps share data through `ctx.state` (serialisable) and keep
 * tokens in `ctx.secrets`.
 */
import * as oidc from 'openid-client';
import type { InsufficientScope } from '../mcp/session.js';
import { skip, type StepOutcome, type VerifyContext } from './context.js';
import { stepUp, steppedUpWarning, type RecordStep } from './step-up.js';
import { stepAuthorizationServer, stepClient, stepProbe, stepProtectedResource } from './steps-discovery.js';
import { callTool, stepInitialize, stepRevoke, stepToolsList } from './steps-mcp.js';
import { authorizeAndExchange, startReceiver } from './steps-oauth.js';
import { stepExpiry, stepInspect, stepRefresh } from './steps-token.js';
import type { StepId } from './types.js';

export interface VerifyStep {
  id: StepId;
  /** `record` adds an extra step (scope.step-up) when one happens inside this one. */
  run(ctx: VerifyContext, record: RecordStep): Promise<StepOutcome>;
  /** Runs even after a blocking failure (cleanup). */
  always?: boolean;
}

async function clientStep(ctx: VerifyContext): Promise<StepOutcome> {
  ctx.secrets.state = oidc.randomState();
  try {
    ctx.receiver = await startReceiver(ctx, ctx.secrets.state);
  } catch (error) {
    return { status: 'fail', evidence: { port: ctx.options.callbackPort ?? 0 }, cause: (error as Error).message, fix: 'Pick another --callback-port, or 0 for any free port.', blocks: 'no callback server' };
  }
  return stepClient(ctx, ctx.receiver.redirectUri);
}

async function authorizeStep(ctx: VerifyContext): Promise<StepOutcome> {
  ctx.auth = await authorizeAndExchange(ctx, ctx.receiver!, ctx.state.requestedScopes);
  return ctx.auth.authorize.status === 'fail' ? { ...ctx.auth.authorize, blocks: 'the authorization request failed' } : ctx.auth.authorize;
}

async function toolsListStep(ctx: VerifyContext, record: RecordStep): Promise<StepOutcome> {
  const outcome = await stepToolsList(ctx);
  const added = await stepUp(ctx, outcome.evidence.insufficientScope as InsufficientScope | undefined, record);
  if (!added) return outcome;
  ctx.steppedUp = added;
  return stepToolsList(ctx);
}

async function toolCallStep(ctx: VerifyContext, record: RecordStep): Promise<StepOutcome> {
  let result = await callTool(ctx);
  const added = await stepUp(ctx, result.found, record);
  if (added) {
    ctx.steppedUp = [...(ctx.steppedUp ?? []), ...added];
    result = await callTool(ctx);
  }
  ctx.scopeOutcome = ctx.steppedUp && result.scope.status === 'pass' ? steppedUpWarning(result.scope.evidence, ctx.steppedUp) : result.scope;
  return result.call;
}

const noAuth = skip('the authorization did not run');

export const VERIFY_STEPS: readonly VerifyStep[] = [
  { id: 'mcp.probe', run: stepProbe },
  { id: 'discovery.protected-resource', run: stepProtectedResource },
  { id: 'discovery.authorization-server', run: stepAuthorizationServer },
  { id: 'oauth.client', run: clientStep },
  { id: 'oauth.authorize', run: authorizeStep },
  { id: 'redirect.loopback', run: async (ctx) => ctx.auth?.redirect ?? noAuth },
  { id: 'oauth.callback', run: async (ctx) => ctx.auth?.callback ?? noAuth },
  { id: 'token.exchange', run: async (ctx) => ctx.auth?.exchange ?? noAuth },
  { id: 'token.inspect', run: stepInspect },
  { id: 'token.expiry', run: stepExpiry },
  { id: 'token.refresh', run: stepRefresh },
  { id: 'mcp.initialize', run: stepInitialize },
  { id: 'mcp.tools-list', run: toolsListStep },
  { id: 'mcp.tool-call', run: toolCallStep },
  { id: 'scope.tool-access', run: async (ctx) => ctx.scopeOutcome ?? skip('no tool call') },
  { id: 'cleanup.revoke', run: async (ctx) => { await ctx.receiver?.stop(); return stepRevoke(ctx); }, always: true },
];
