/**
 * `doctor --login`: runs the verifier's OAuth flow (runVerify) and keeps the tokens it
 * obtained for the doctor's token checks. runVerify hands out no raw token by design, so the
 * tokens are read from the token endpoint's answers as they pass through the injected fetch (the
 * seam VerifyDeps.fetch exists for). `keep: true`: the verifier must not revoke them.
 */
import type { ProgressDetail } from '../../contract/check.js';
import type { FetchLike } from '../http/exchange.js';
import type { OpenBrowser } from '../verify/browser.js';
import { runVerify } from '../verify/run-verify.js';
import type { DoctorTarget, TokenSource } from './types.js';

function grantOf(init: RequestInit | undefined): string | undefined {
  const body = init?.body;
  const text = typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : undefined;
  return text ? new URLSearchParams(text).get('grant_type') ?? undefined : undefined;
}

export interface LoginDeps {
  fetch: FetchLike;
  now: () => number;
  openBrowser: OpenBrowser;
  signal?: AbortSignal;
  /** Called when the sign-in page is about to open and the flow waits for a person (`waitingFor: 'sign-in'`, limit, deadline). */
  onWaiting?: (detail: ProgressDetail) => void;
}

/** `timeoutMs`: the limit on each network request; `loginTimeoutMs`: on the wait for the sign-in. */
export async function loginWithVerifier(target: Pick<DoctorTarget, 'mcpUrl' | 'clientId' | 'scopes' | 'entry'>, deps: LoginDeps, timeoutMs?: number, loginTimeoutMs?: number): Promise<TokenSource> {
  if (!target.mcpUrl) throw new Error('no MCP URL to sign in to');
  let latest: TokenSource | undefined;
  const capturing: FetchLike = async (input, init) => {
    const response = await deps.fetch(input, init);
    const grant = grantOf(init);
    if ((grant === 'authorization_code' || grant === 'refresh_token') && response.ok) {
      const json = await response.clone().json().catch(() => undefined) as { access_token?: string; refresh_token?: string; scope?: string } | undefined;
      if (json?.access_token) {
        latest = { accessToken: json.access_token, origin: 'login', ...(json.refresh_token ? { refreshToken: json.refresh_token } : {}), ...(json.scope ? { scope: json.scope } : {}) };
      }
    }
    return response;
  };
  const cb = target.entry?.callback;
  const result = await runVerify({
    url: target.mcpUrl, ...(target.clientId ? { clientId: target.clientId } : {}), ...(target.scopes ? { scopes: target.scopes } : {}),
    // The entry's own port and path, so the redirect URI is the one registered for the bridge.
    ...(cb ? { callbackPort: cb.port, callbackPath: cb.path } : {}), keep: true, ...(timeoutMs ? { timeoutMs } : {}),
    ...(loginTimeoutMs ? { callbackTimeoutMs: loginTimeoutMs } : {}),
  }, {
    fetch: capturing, now: deps.now, openBrowser: deps.openBrowser, ...(deps.signal ? { signal: deps.signal } : {}),
    // Only the wait is news to the doctor's caller: the verifier's own steps are not checks.
    ...(deps.onWaiting ? { onProgress: (e) => { if (e.phase === 'start' && e.detail?.waitingFor === 'sign-in') deps.onWaiting?.(e.detail); } } : {}),
  });
  if (!latest) {
    const failed = result.steps.find((s) => s.status === 'fail');
    throw new Error(failed ? `${failed.id}: ${failed.cause ?? 'failed'}` : 'no token was issued');
  }
  return latest;
}
