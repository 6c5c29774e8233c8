/**
 * Step 6-7: MCP with the bearer token (SDK client), the read-only tool call, the scope finding in
 * both dialects, and revocation (RFC 7009) of what we obtained.
 */
import * as oidc from 'openid-client';
import { redactSecret } from '../http/redact.js';
import { GUIDE_SCOPE_FIXES, READ_TOOL, ownerOf } from '../server-facts.js';
import { connectMcp, describeMcpError, insufficientScopeOf, rejection, type InsufficientScope } from '../mcp/session.js';
import { clientConfig, oauthFailure } from './steps-oauth.js';
import { fail, fixWith, pass, skip, warn, type StepOutcome, type VerifyContext } from './context.js';

/** The refusal in the server's own words (the SDK's transport text and the JSON-RPC body stay in the evidence). */
export function refusedToken(message: string, status: number | undefined): string | undefined {
  if (status === 401 || /\b401\b|unauthorized|invalid_token|doesn't exist|expired|forbidden to sign in/i.test(message)) {
    const code = status ?? /\bHTTP (\d{3})\b/.exec(message)?.[1];
    const said = rejection({ message });
    return `the server refused the access token just issued (${code && said !== message ? `HTTP ${code}: ` : ''}${said}): revoked, expired, or not meant for this resource`;
  }
  return undefined;
}

/**
 * The fix for a refused token, from the `data` of Casdoor's 401 JSON-RPC error (docs/iam-facts.md,
 * Casdoor-shaped behaviour) or the RFC 6750 §3.1 `invalid_token` of a spec-following server.
 */
export function refusedTokenFix(message: string): string {
  if (/forbidden to sign in/i.test(message)) return 'The signed-in user is forbidden: clear "Is forbidden" on the user in the IAM console, or sign in as another user.';
  if (/doesn't exist in database/i.test(message)) {
    return 'The MCP server does not know the token the IAM just issued: it was revoked (all tokens revoked, or the user signed out), or the MCP URL belongs to another IAM instance than the authorization server.';
  }
  if (/has expired|expired/i.test(message)) return 'The token expired before its first use: fix the clock (NTP) on the server or this machine, or raise the application\'s token lifetime (Expire in hours).';
  return 'The MCP server rejects tokens of this authorization server: check that the protected-resource metadata names the IAM that serves this MCP URL, and that the token\'s aud (token.inspect) is accepted.';
}

export async function stepInitialize(ctx: VerifyContext): Promise<StepOutcome> {
  const token = ctx.secrets.accessToken;
  if (!token) return skip('no access token', {});
  try {
    ctx.session = await connectMcp({ url: ctx.options.url, accessToken: token, fetch: ctx.deps.fetch }, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, clientName: 'iam-mcp-helper-verify' });
    return pass({ transport: ctx.session.transport, protocolVersion: ctx.session.protocolVersion, serverInfo: ctx.session.serverInfo, token: redactSecret(token) });
  } catch (error) {
    const message = describeMcpError(error, {});
    const refused = refusedToken(message, undefined);
    return fail({ error: message }, refused ?? `MCP initialize failed: ${message}`, refused ? refusedTokenFix(message) : fixWith('Run the helper\'s doctor for the server side.', { action: 'doctor.run' }), 'no MCP session');
  }
}

function scopeFinding(found: InsufficientScope, ctx: VerifyContext): string {
  const missing = found.requiredScope ?? '(not named)';
  return `insufficient_scope: the tool needs scope ${missing}; the token carries ${(found.grantedScopes ?? ctx.state.inspection?.grantedScopes ?? ctx.state.requestedScopes).join(' ') || '(none)'}`
    + ` (${found.dialect === 'http-403' ? 'HTTP 403 challenge' : 'JSON-RPC -32001 in an HTTP 200'})`;
}

export async function stepToolsList(ctx: VerifyContext): Promise<StepOutcome> {
  const session = ctx.session;
  if (!session) return skip('no MCP session');
  try {
    const { tools } = await session.client.listTools(undefined, session.request);
    ctx.state.tools = tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}) }));
    if (!tools.length) return warn({ count: 0 }, 'the server lists no tools for this token', 'Check the scopes granted to the application.');
    return pass({ count: tools.length, names: tools.map((t) => t.name) });
  } catch (error) {
    const found = insufficientScopeOf(error, session.last);
    const message = describeMcpError(error, session.last);
    if (found) return fail({ error: message, insufficientScope: found }, scopeFinding(found, ctx));
    const refused = refusedToken(message, session.last.status);
    return refused ? fail({ error: message }, refused, refusedTokenFix(message)) : fail({ error: message }, `tools/list failed: ${message}`);
  }
}

export interface ToolCallResult {
  call: StepOutcome;
  scope: StepOutcome;
  found?: InsufficientScope;
}

/** Picks the call: --call, else the Hanzo read tool when listed, else none (generic servers). */
export function plannedCall(ctx: VerifyContext): { tool: string; args: Record<string, unknown> } | undefined {
  if (ctx.options.call) return ctx.options.call;
  // Casdoor lists only the tools a token permits, but lists all of them without a token (probe).
  const listed = [...(ctx.state.tools ?? []).map((t) => t.name), ...(ctx.state.probe?.toolNames ?? [])];
  if (listed.includes(READ_TOOL)) return { tool: READ_TOOL, args: { owner: ownerOf(ctx.state.claims) } };
  return undefined;
}

export async function callTool(ctx: VerifyContext): Promise<ToolCallResult> {
  const session = ctx.session;
  const planned = plannedCall(ctx);
  if (!session) return { call: skip('no MCP session'), scope: skip('no MCP session') };
  if (!planned) {
    const why = 'a generic server: no tool is called unless one is named (with its arguments)';
    return { call: skip(why, { tools: ctx.state.tools?.map((t) => t.name) }), scope: skip(why) };
  }
  try {
    const result = await session.client.callTool({ name: planned.tool, arguments: planned.args }, undefined, session.request);
    const content = JSON.stringify(result.content ?? result).slice(0, 400);
    const evidence = { tool: planned.tool, args: planned.args, isError: result.isError === true, content };
    if (result.isError === true) {
      if (insufficientScopeOf(result)) {
        return { call: fail(evidence, `the tool answered with an error: ${content}`), scope: fail(evidence, `insufficient_scope in the tool result: ${content}`) };
      }
      return { call: fail(evidence, `the tool answered with an error: ${content}`), scope: pass({ tool: planned.tool }) };
    }
    return { call: pass(evidence), scope: pass({ tool: planned.tool, grantedScopes: ctx.state.inspection?.grantedScopes }) };
  } catch (error) {
    const found = insufficientScopeOf(error, session.last);
    const message = describeMcpError(error, session.last);
    const evidence = { tool: planned.tool, args: planned.args, error: message };
    if (found) {
      const finding = scopeFinding(found, ctx);
      const requested = ctx.state.requestedScopes;
      const guide = requested.filter((s) => GUIDE_SCOPE_FIXES[s]);
      const fix = fixWith(`Request scope ${found.requiredScope ?? 'the one the tool needs'} and grant it to the application${guide.length ? `; ${guide.join(', ')} are the guide's names, which Hanzo IAM and Casdoor-based servers call ${guide.map((g) => GUIDE_SCOPE_FIXES[g]).join(', ')}` : ''}.`,
        { action: 'verify.set-scopes', scopes: [...new Set([...requested.map((s) => GUIDE_SCOPE_FIXES[s] ?? s), ...(found.requiredScope ? found.requiredScope.split(' ') : [])])].join(' ') });
      return { call: fail(evidence, finding), scope: fail({ ...evidence, insufficientScope: found }, finding, fix), found };
    }
    const refused = refusedToken(message, session.last.status);
    return { call: refused ? fail(evidence, refused, refusedTokenFix(message)) : fail(evidence, `tools/call ${planned.tool} failed: ${message}`), scope: skip('the call failed for another reason') };
  }
}

export async function stepRevoke(ctx: VerifyContext): Promise<StepOutcome> {
  await ctx.session?.close();
  const m = ctx.state.as?.metadata;
  const issued = ctx.secrets.issued;
  if (!issued.length) return skip('no tokens were obtained');
  if (ctx.options.keep) return skip('kept on request: tokens left valid', { count: issued.length });
  if (!m?.revocation_endpoint) return skip('the server offers no revocation_endpoint: the tokens expire on their own', { count: issued.length });
  const config = clientConfig(ctx);
  const outcomes: { token: string; hint: string; ok: boolean; error?: string }[] = [];
  let unreachable: string | undefined;
  for (const { token, hint } of [...issued].reverse()) {
    // One --timeout for a dead endpoint, not one per token.
    if (unreachable) { outcomes.push({ token: redactSecret(token), hint, ok: false, error: `not tried: the endpoint ${unreachable}` }); continue; }
    try {
      await oidc.tokenRevocation(config, token, { token_type_hint: hint });
      outcomes.push({ token: redactSecret(token), hint, ok: true });
    } catch (error) {
      const failure = oauthFailure(error, ctx.timeoutMs);
      if (!failure.answered) unreachable = failure.detail;
      outcomes.push({ token: redactSecret(token), hint, ok: false, error: failure.answered ? failure.detail : `the endpoint ${failure.detail}` });
    }
  }
  // RFC 7009 §2.2.1: a server may refuse to revoke a token type (typically self-contained JWT
  // access tokens); those stay valid until `exp`. That is the server's design, not a failure.
  const unsupported = outcomes.filter((o) => !o.ok && o.error?.startsWith('unsupported_token_type'));
  const failed = outcomes.filter((o) => !o.ok && !o.error?.startsWith('unsupported_token_type'));
  const evidence = { revocationEndpoint: m.revocation_endpoint, outcomes };
  if (failed.length) return warn(evidence, `${failed.length} of ${outcomes.length} revocations failed: ${failed[0]?.error}`);
  if (unsupported.length) return pass({ ...evidence, note: `${unsupported.length} ${unsupported[0]?.hint} token(s) cannot be revoked by this server (unsupported_token_type): they expire on their own` });
  return pass({ ...evidence, revoked: outcomes.length });
}
