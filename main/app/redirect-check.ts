/**
 * checkRedirectUris: before any sign-in, asks the server whether the application accepts the
 * redirect URI the written entry will use (the doctor's redirect.loopback asks the same way:
 * core/oauth/authorize-probe.ts). The URIs come from the entry builder, never from the caller, so
 * the API probes only what the app itself would send.
 */
import { buildIamEntry } from '../core/config/entry-builder.js';
import type { FetchLike } from '../core/http/exchange.js';
import { redactText } from '../core/http/redact.js';
import { probeAuthorizeAnyShape } from '../core/oauth/authorize-probe.js';
import { serverSaid } from '../core/oauth/authorize-verdict.js';
import { HelperError } from '../core/errors.js';
import type { RedirectCheckInput } from '../contract/api-contract.js';
import type { RedirectCheckValue } from '../contract/api-values.js';
import { probeInstance } from './probe-instance.js';

export async function checkRedirectUris(fetchFn: FetchLike, platform: NodeJS.Platform, input: RedirectCheckInput): Promise<RedirectCheckValue> {
  const found = await probeInstance(fetchFn, input.url);
  if (found.verdict !== 'mcp-endpoint' || !found.mcpEndpoint) throw new HelperError('REDIRECT_CHECK_NO_SERVER', `${found.message}`);
  if (!found.authorizationEndpoint) {
    throw new HelperError('REDIRECT_CHECK_NO_AUTHORIZE', 'The server\'s sign-in metadata names no authorization endpoint, so the redirect URI cannot be checked before signing in. "Sign in and verify" will show what the server says.');
  }
  const { redirectUris } = buildIamEntry({ mcpUrl: input.url.trim(), clientId: input.clientId, platform, allowHttp: true });
  const scope = input.scopes?.trim() || 'openid';
  let method = '';
  const results = [];
  for (const uri of redirectUris) {
    const probe = await probeAuthorizeAnyShape({
      fetch: fetchFn, origin: new URL(found.mcpEndpoint).origin, authorizationEndpoint: found.authorizationEndpoint,
      clientId: input.clientId, scope, uri, timeoutMs: 8000,
    });
    method = probe.casdoor ? 'GET /api/get-app-login' : 'GET authorization_endpoint';
    // The server's words explain a refusal or an unclear answer; an accepted request shows a sign-in page.
    const said = probe.verdict === 'accepted' ? undefined : serverSaid(probe.exchange);
    results.push({ uri, verdict: probe.verdict, ...(said ? { said: redactText(said) } : {}) });
  }
  return { method, results };
}
