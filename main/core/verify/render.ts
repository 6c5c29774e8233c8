/**
 * Human rendering of verify steps: one line per step, ✔/✖/!/- and the step's key evidence, then
 * the cause and fix indented under a failed or warned step. Input is already redacted.
 */
import type { CheckResult, FixAction } from '../../contract/check.js';

/** A door's phrasing of a fixAction (the CLI: the flag or command line), printed under the fix. */
export type PhraseFix = (action: FixAction | undefined) => string | undefined;

const MARK: Record<CheckResult['status'], string> = { pass: '✔', fail: '✖', warn: '!', skip: '-' };

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The one piece of evidence worth a glance, per step id. */
export function keyEvidence(step: CheckResult): string | undefined {
  const e = step.evidence;
  const meta = e.metadata as Record<string, unknown> | undefined;
  switch (step.id) {
    case 'mcp.probe': {
      const hops = (e.hops as { method: string; status?: number; error?: string }[] | undefined) ?? [];
      return hops.map((h) => `${h.method} ${h.status ?? h.error ?? ''}`).join(', ');
    }
    case 'discovery.protected-resource': return meta ? `${str(e.attempts && (e.attempts as { url: string; ok: boolean }[]).find((a) => a.ok)?.url)} -> ${str(meta.authorization_servers)}` : undefined;
    case 'discovery.authorization-server': return meta ? `issuer ${str(meta.issuer)}` : undefined;
    case 'oauth.client': return e.clientId ? `client ${str(e.clientId)} (${str(e.authMethod) ?? str(e.source)}), scopes "${(e.requestedScopes as string[] | undefined)?.join(' ') ?? ''}" from ${str(e.scopeSource)}` : undefined;
    case 'oauth.authorize': return e.redirectUri ? `redirect_uri ${str(e.redirectUri)}` : undefined;
    case 'token.exchange': return e.tokenType ? `${str(e.tokenType)}, expires_in ${str(e.expiresIn)}, scope "${str(e.scope) ?? ''}", refresh ${e.refresh ? 'yes' : 'no'}` : undefined;
    case 'token.inspect': return e.format ? `${str(e.format)}${e.signature ? `, signature ${str(e.signature)}` : ''}, ${str(e.token)}` : undefined;
    case 'token.expiry': return e.expires_in !== undefined ? `expires_in ${str(e.expires_in)} s${e.clockOffsetSeconds !== undefined ? `, clock offset ${str(e.clockOffsetSeconds)} s` : ''}` : undefined;
    case 'token.refresh': return e.rotated !== undefined ? `rotated ${e.rotated ? 'yes' : 'no'}` : undefined;
    case 'mcp.initialize': return e.protocolVersion ? `${str(e.transport)}, protocol ${str(e.protocolVersion)}` : undefined;
    case 'mcp.tools-list': return e.names ? `${str(e.count)} tools: ${(e.names as string[]).slice(0, 6).join(', ')}` : undefined;
    case 'mcp.tool-call': return e.tool ? `${str(e.tool)} ${str(e.args)}` : undefined;
    default: return undefined;
  }
}

export function renderStep(step: CheckResult, phrase?: PhraseFix): string {
  const evidence = keyEvidence(step);
  const skipped = step.status === 'skip' && step.cause ? ` (skipped: ${step.cause})` : '';
  const lines = [`${MARK[step.status]} ${step.id.padEnd(31)} ${step.title}${evidence ? ` — ${evidence}` : ''}${skipped}`];
  if ((step.status === 'fail' || step.status === 'warn') && step.cause) lines.push(`    cause: ${step.cause}`);
  if ((step.status === 'fail' || step.status === 'warn') && step.fix) lines.push(`    fix: ${step.fix}`);
  const how = (step.status === 'fail' || step.status === 'warn') ? phrase?.(step.fixAction) : undefined;
  if (how) lines.push(`    how: ${how}`);
  return lines.join('\n');
}
