/**
 * The verifier's step table (docs/architecture.md, Conventions 4), in order. Each entry is `(ctx) => StepOutcome`; the
 * runner (run-verify.ts) records it as a CheckResult, skips dependants of a blocking failure, and
 * always runs the `always` entries. Steps share data through `ctx.state` (serialisable) and keep
 * tokens in `ctx.secrets`.
 */
import * as oidc from 'openid-client';
import type { InsufficientScope } from '../mcp/session.js';
import { fail, fixWith, pass, skip, warn, type StepOutcome, type VerifyContext } from './context.js';
import { stepUp, steppedUpWarning, type RecordStep } from './step-up.js';
import { stepAuthorizationServer, stepClient, stepProbe, stepProtectedResource } from './steps-discovery.js';
import { callTool, stepInitialize, stepRevoke, stepToolsList } from './steps-mcp.js';
import { authorizeAndExchange, redirectFix, startReceiver, type AuthorizationOutcomes } from './steps-oauth.js';
import { preflightAuthorize } from './steps-preflight.js';
import { BRIDGE_CALLBACK_HOST, BRIDGE_CALLBACK_PATH, bridgeRedirectUri } from '../mcp-remote-facts.js';
import { stepExpiry, stepInspect, stepRefresh } from './steps-token.js';
import type { StepId } from './types.js';

export interface VerifyStep {
  id: StepId;
  /** `record` adds an extra step (scope.step-up) when one happens inside this one. */
  run(ctx: VerifyContext, record: RecordStep): Promise<StepOutcome>;
  /** Runs even after a blocking failure (cleanup). */
  always?: boolean;
}

/**
 * The client identity, then the authorization request tried once without a browser: a client id
 * the server does not know fails here, where it belongs. A taken callback port is the callback's
 * problem (redirect.loopback), not the client's.
 */
async function clientStep(ctx: VerifyContext): Promise<StepOutcome> {
  ctx.secrets.state = oidc.randomState();
  const path = ctx.options.callbackPath ?? BRIDGE_CALLBACK_PATH;
  let redirectUri: string;
  try {
    ctx.receiver = await startReceiver(ctx, ctx.secrets.state);
    redirectUri = ctx.receiver.redirectUri;
  } catch (error) {
    const port = ctx.options.callbackPort ?? 0;
    ctx.state.receiverProblem = { port, message: (error as Error).message };
    redirectUri = bridgeRedirectUri(port, ctx.options.callbackHost ?? BRIDGE_CALLBACK_HOST, path);
  }
  const client = await stepClient(ctx, redirectUri);
  if (client.status !== 'pass' || !ctx.state.identity) return client;
  const pre = await preflightAuthorize(ctx, redirectUri);
  if (pre.verdict !== 'client-unknown') return client;
  return fail({ ...client.evidence, preflight: pre }, `the server does not know the client id "${ctx.state.identity.clientId}"${pre.said ? `: it answered "${pre.said}"` : ''}`,
    fixWith('Copy the Client ID from the application\'s page in the IAM console.', { action: 'verify.set-client-id' }), 'the server does not know the client id');
}

async function authorizeStep(ctx: VerifyContext): Promise<StepOutcome> {
  const early = preflightOutcomes(ctx);
  ctx.auth = early ?? await authorizeAndExchange(ctx, ctx.receiver!, ctx.state.requestedScopes);
  const outcome = ctx.auth.authorize;
  if (outcome.status === 'fail') return { ...outcome, blocks: 'the authorization request failed' };
  const refused = ctx.state.preflight?.resourceRefused;
  if (outcome.status !== 'pass' || !refused) return outcome;
  return warn({ ...outcome.evidence, preflight: ctx.state.preflight },
    `the authorization endpoint fails (HTTP ${refused.status}${refused.said ? `: "${refused.said}"` : ''}) when the request carries the RFC 8707 resource parameter, and answers without it: this run continued without resource`,
    'The server errs on resource=<MCP URL> instead of accepting or ignoring it; MCP clients send it (MCP authorization 2025-11-25, Resource Parameter), so they fail the same way. Report it to the server\'s operators.');
}

/**
 * What the preflight settles before any browser opens: a taken callback port, a refused redirect
 * URI, a server failing (HTTP 5xx) on the authorization request. Undefined when the browser must go on.
 */
function preflightOutcomes(ctx: VerifyContext): AuthorizationOutcomes | undefined {
  const rest = (why: string) => ({ callback: skip(why), exchange: skip(why) });
  const problem = ctx.state.receiverProblem;
  if (problem) {
    const why = 'the callback port is taken';
    return { authorize: skip('not sent: the loopback receiver could not listen'), signIn: skip(why), ...rest(why),
      redirect: fail({ port: problem.port, error: problem.message }, `the callback port ${problem.port} on 127.0.0.1 is taken by another program (${problem.message}); Claude Desktop's bridge may be holding it`,
        fixWith('Free the port (quit Claude Desktop or the program holding it), or use another callback port (0 picks a free one).', { action: 'verify.callback-port', port: 0 }), 'no callback receiver') };
  }
  const pre = ctx.state.preflight;
  if (!pre) return undefined;
  const uri = ctx.receiver?.redirectUri ?? '';
  if (pre.verdict === 'refused') {
    void ctx.receiver?.stop();
    return { authorize: pass({ redirectUri: uri, preflight: pre }), signIn: skip('not needed: the redirect URI was refused before sign-in'), ...rest('the redirect URI was refused'),
      redirect: fail({ redirectUri: uri, preflight: pre }, `the authorization server refused the redirect URI ${uri}${pre.said ? `: "${pre.said}"` : ''}`, redirectFix(uri, ctx.options.callbackPort), 'the redirect URI was refused') };
  }
  if (pre.verdict === 'server-error') {
    void ctx.receiver?.stop();
    const tried = ctx.options.resource !== false ? '; tried again without the RFC 8707 resource parameter, it failed the same way' : '';
    const why = 'the authorization endpoint fails';
    return { authorize: fail({ redirectUri: uri, preflight: pre }, `the authorization endpoint answered HTTP ${pre.status} (a server error, not a refusal)${pre.said ? `: "${pre.said}"` : ''}${tried}`,
      'The IAM failed on the authorization request itself: check its logs, or retry later.'), signIn: skip(why), redirect: skip(why), ...rest(why) };
  }
  return undefined;
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
  { id: 'oauth.sign-in', run: async (ctx) => ctx.auth?.signIn ?? noAuth },
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
