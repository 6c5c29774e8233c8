/**
 * Step 3 and the code exchange: authorization request (openid-client, PKCE S256, state, nonce when
 * `openid`, RFC 8707 resource), the loopback callback, and the token exchange. One function runs
 * the four so a step-up (MCP 2025-11-25 §Step-Up Authorization Flow) can repeat them.
 */
import * as oidc from 'openid-client';
import { redactUrl } from '../http/redact.js';
import { defaultCallbackPort } from '../config/entry-builder.js';
import { BRIDGE_CALLBACK_PATH } from '../mcp-remote-facts.js';
import { buildClientConfig } from '../oauth/client.js';
import { startCallbackServer, type CallbackOutcome, type CallbackServer } from '../oauth/callback-server.js';
import { BrowserCommandError, InteractiveSignInError } from './browser.js';
import { sendsResource } from './steps-preflight.js';
import { fail, fixWith, pass, skip, type Fix, type StepOutcome, type VerifyContext } from './context.js';

/**
 * Words for an OAuth request that failed: the server's `error`/`error_description` when it
 * answered (RFC 6749 §5.2), else whether it did not answer in time or could not be reached, so a
 * dead endpoint never reads as a refusal.
 */
export function oauthFailure(error: unknown, timeoutMs: number): { detail: string; answered: boolean } {
  const e = error as Error & { error?: string; error_description?: string; code?: string };
  if (e.error) return { detail: `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`, answered: true };
  // openid-client wraps a fetch failure: OAUTH_TIMEOUT / OAUTH_ABORT, or "something went wrong" around undici's TypeError.
  const inner = (e.cause ?? e) as Error & { cause?: { code?: string; message?: string } };
  if (e.code === 'OAUTH_TIMEOUT' || e.name === 'TimeoutError' || inner.name === 'TimeoutError') return { detail: `gave no answer within ${timeoutMs} ms`, answered: false };
  if (e.code === 'OAUTH_ABORT' || e.name === 'AbortError' || inner.name === 'AbortError') return { detail: 'was not reached: cancelled', answered: false };
  if (inner instanceof TypeError && /fetch failed/i.test(inner.message)) {
    return { detail: `cannot be reached (${inner.cause?.code ?? inner.cause?.message ?? inner.message})`, answered: false };
  }
  return { detail: e.message, answered: true };
}

export function clientConfig(ctx: VerifyContext): oidc.Configuration {
  const m = ctx.state.as!.metadata!;
  const identity = { ...ctx.state.identity!, ...(ctx.secrets.clientSecret ? { clientSecret: ctx.secrets.clientSecret } : {}) };
  const fetch = ctx.deps.fetch;
  // ID token time checks run on the server's clock (its Date header), so a skewed clock reaches
  // token.expiry as a finding instead of failing the exchange.
  const serverTime = Date.parse(ctx.state.as?.serverDate ?? '');
  const skew = Number.isNaN(serverTime) ? 0 : Math.round((serverTime - ctx.deps.now()) / 1000);
  return buildClientConfig(m, identity, async (url, init) => {
    // openid-client's own bound is 30 s; every OAuth request honours --timeout and cancellation.
    const bounds = [ctx.signal, AbortSignal.timeout(ctx.timeoutMs), ...(init?.signal ? [init.signal] : [])];
    const response = await fetch(url, { ...init, signal: AbortSignal.any(bounds) });
    if (String(url).startsWith(m.token_endpoint)) ctx.lastTokenDate = response.headers.get('date') ?? undefined;
    return response;
  }, Math.abs(skew) > 5 ? skew : 0);
}

/**
 * Starts the loopback receiver early (DCR needs the redirect URI). Without --callback-port it
 * listens on the port `setup` writes into the entry for this URL, so the redirect URI is exactly
 * the bridge's and a pass proves the bridge's redirect is accepted too; when that port
 * is taken (Claude Desktop may be running the bridge now) any free port is used instead.
 */
export async function startReceiver(ctx: VerifyContext, expectedState: string): Promise<CallbackServer> {
  if (ctx.options.callbackPort !== undefined) return listenReceiver(ctx, expectedState, ctx.options.callbackPort);
  try {
    return await listenReceiver(ctx, expectedState, defaultCallbackPort(ctx.options.url));
  } catch (error) {
    if ((error as { code?: string }).code !== 'CALLBACK_BIND') throw error;
    return listenReceiver(ctx, expectedState, 0);
  }
}

function listenReceiver(ctx: VerifyContext, expectedState: string, port: number): Promise<CallbackServer> {
  const m = ctx.state.as?.metadata;
  return startCallbackServer({
    port,
    ...(ctx.options.callbackHost ? { host: ctx.options.callbackHost } : {}),
    path: ctx.options.callbackPath ?? BRIDGE_CALLBACK_PATH,
    expectedState,
    ...(m?.issuer && !ctx.state.as?.defaultEndpoints ? { expectedIssuer: m.issuer } : {}),
    issRequired: m?.authorization_response_iss_parameter_supported === true,
    ...(ctx.options.callbackTimeoutMs ? { timeoutMs: ctx.options.callbackTimeoutMs } : {}),
    signal: ctx.signal,
  });
}

const REDIRECT_WORDS = /redirect[_ ]?ur[il]|redirect uri/i;
/** A server's refusal of the redirect URI, as Casdoor, Hanzo IAM and RFC 6749 servers word it. */
const REDIRECT_REFUSED = /redirect[_ ]?uri[^.\n]{0,120}(doesn't exist|does not exist|invalid|mismatch|not allowed|not registered)|invalid[_ ]redirect[_ ]uri|redirect_uri_mismatch/i;
/** A server's refusal of the client id. */
const CLIENT_REFUSED = /invalid client_id|unknown client_id|invalid_client|client not found|unknown client/i;

/** What a browser's or browser command's words say, URLs taken out (an authorization URL carries redirect_uri). */
function withoutUrls(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '<url>');
}

export interface AuthorizationOutcomes {
  authorize: StepOutcome;
  signIn: StepOutcome;
  redirect: StepOutcome;
  callback: StepOutcome;
  exchange: StepOutcome;
}

/** Runs authorize -> browser -> callback -> token with `scopes`; `receiver` is consumed (closed). */
export async function authorizeAndExchange(ctx: VerifyContext, receiver: CallbackServer, scopes: string[]): Promise<AuthorizationOutcomes> {
  const blocked = (why: string): AuthorizationOutcomes => ({ authorize: fail({}, why), signIn: skip(why), redirect: skip(why), callback: skip(why), exchange: skip(why) });
  const state = ctx.secrets.state!;
  ctx.state.authorizationAttempts += 1;
  let config: oidc.Configuration;
  try {
    config = clientConfig(ctx);
  } catch (error) {
    await receiver.stop();
    return blocked(`cannot configure the OAuth client: ${(error as Error).message}`);
  }
  const verifier = oidc.randomPKCECodeVerifier();
  ctx.secrets.codeVerifier = verifier;
  const params: Record<string, string> = {
    redirect_uri: receiver.redirectUri,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  };
  if (scopes.length) params.scope = scopes.join(' ');
  if (scopes.includes('openid')) {
    ctx.secrets.nonce = oidc.randomNonce();
    params.nonce = ctx.secrets.nonce;
  } else delete ctx.secrets.nonce;
  if (sendsResource(ctx)) params.resource = ctx.options.url;
  const url = oidc.buildAuthorizationUrl(config, params);
  ctx.state.redirectUri = receiver.redirectUri;
  ctx.state.authorizationUrl = redactUrl(url.toString());
  const authorize = pass({ authorizationUrl: ctx.state.authorizationUrl, redirectUri: receiver.redirectUri, scope: params.scope ?? null, resource: params.resource ?? null, pkce: 'S256' });

  let browserError: string | undefined;
  let failure: unknown;
  const browser = ctx.deps.openBrowser(url.toString(), ctx.signal).then(() => undefined, (error: unknown) => {
    browserError = error instanceof Error ? error.message : String(error);
    failure = error;
  });
  // The browser failing first (e.g. the IAM refusing the redirect URI) ends the wait, after a short
  // grace for a callback already in flight.
  const raced = await Promise.race([
    receiver.outcome,
    browser.then(async () => {
      if (browserError === undefined) return receiver.outcome;
      return Promise.race([receiver.outcome, new Promise<undefined>((r) => setTimeout(() => r(undefined), 500))]);
    }),
  ]);
  await receiver.stop();
  const outcome = strayAsOutcome(raced, receiver);
  if (browserError) ctx.state.browserError = browserError;
  const noCallback = (signIn: StepOutcome, redirect: StepOutcome = skip('no sign-in came back')): AuthorizationOutcomes =>
    ({ authorize, signIn, redirect, callback: skip('no callback'), exchange: skip('no callback') });
  if (!outcome) return noCallback(...browserFailure(ctx, failure, browserError ?? '', receiver.redirectUri));
  ctx.state.callback = outcome.ok ? { ok: true, url: redactUrl(outcome.url), code: '[redacted]', ...(outcome.iss ? { iss: outcome.iss } : {}) } : outcome;
  if (!outcome.ok && outcome.reason === 'aborted') return noCallback(skip('cancelled'));
  if (!outcome.ok && outcome.reason === 'timeout') {
    return noCallback(fail({ redirectUri: receiver.redirectUri, browser: browserError ?? 'opened', ...(outcome.ignored ? { ignored: outcome.ignored } : {}) }, `nobody finished the sign-in: no callback reached ${receiver.redirectUri} (${outcome.message})`,
      'Finish the sign-in in the browser that opened (or raise the sign-in wait); if the IAM shows an error page, its words name what it refused.', 'no callback'));
  }
  const signIn = pass({ browser: browserError ?? 'the sign-in came back' });
  const redirect = pass({ redirectUri: receiver.redirectUri, note: 'the authorization server redirected back to the loopback redirect URI' });
  if (!outcome.ok) {
    const isRedirect = outcome.reason === 'error-response' && REDIRECT_WORDS.test(`${outcome.error} ${outcome.errorDescription ?? ''}`);
    const callback = fail({ reason: outcome.reason, error: outcome.error, error_description: outcome.errorDescription, ...(outcome.ignored ? { ignored: outcome.ignored } : {}) }, outcome.message,
      outcome.reason === 'state-mismatch' ? 'The state that came back is not the one sent: a stale or forged callback (RFC 6749 §10.12). Try again; if it repeats, the server mangles state.'
        : outcome.reason.startsWith('issuer') ? 'The callback names another issuer (RFC 9207): a mix-up; check the IAM\'s issuer/origin setting.'
          : 'Read the error the server sent back; it names what it refused.', 'callback rejected');
    return { authorize, signIn, redirect: isRedirect ? fail(redirect.evidence, outcome.message, undefined, 'callback rejected') : redirect, callback, exchange: skip('callback rejected') };
  }
  ctx.secrets.callbackUrl = outcome.url;
  const callback = pass({ state: 'matches', iss: outcome.iss ?? '(not sent)' });
  return { authorize, signIn, redirect, callback, exchange: await exchangeCode(ctx, config, scopes) };
}

/**
 * No callback and the browser (or its command) gave up: whose failure it was. A server refusal in
 * its words is the server's (redirect URI, client id); a sign-in page the headless mode cannot
 * fill needs a person; anything else is the browser command's own failure (not found, exit ≠ 0).
 * Returns the sign-in step's outcome and the redirect step's.
 */
function browserFailure(ctx: VerifyContext, failure: unknown, message: string, redirectUri: string): [StepOutcome, StepOutcome] {
  const evidence: Record<string, unknown> = { redirectUri, browser: message };
  const words = withoutUrls(failure instanceof BrowserCommandError ? failure.output : message);
  const notRun = skip('no sign-in came back');
  if (failure instanceof InteractiveSignInError) {
    return [fail(evidence, `a person must sign in: ${message}`,
      fixWith('Sign in as a person in a browser, or use a browser command that drives a browser through the sign-in.', { action: 'verify.sign-in-interactive' }), 'no callback'), notRun];
  }
  if (REDIRECT_REFUSED.test(words)) {
    return [pass({ ...evidence, note: 'the browser reached the authorization server, which refused the redirect URI' }),
      fail(evidence, `the authorization server refused the redirect URI ${redirectUri}: ${message}`, redirectFix(redirectUri, ctx.options.callbackPort), 'no callback')];
  }
  if (CLIENT_REFUSED.test(words)) {
    return [fail(evidence, `the authorization server does not know the client id "${ctx.state.identity?.clientId ?? ''}": ${message}`,
      'Copy the Client ID from the application\'s page in the IAM console.', 'no callback'), notRun];
  }
  if (failure instanceof BrowserCommandError) {
    return [fail({ ...evidence, exitCode: failure.exitCode }, `the browser command failed, so nobody signed in: ${message}`,
      'Check the browser command: run it by hand with a URL as its last argument; it must open the URL (or drive a browser through the sign-in) and exit 0.', 'no callback'), notRun];
  }
  return [fail(evidence, `the browser could not show the sign-in: ${message}`,
    fixWith('Open the authorization URL shown above in a browser by hand, or use a browser command that opens it.', { action: 'verify.sign-in-interactive' }), 'no callback'), notRun];
}

/**
 * The receiver answers a callback without this sign-in's state and keeps waiting (a forged one
 * must not end the sign-in). When the wait then ends without a callback — the driven browser
 * failed on that answer, or the time ran out — the ignored callback is the best finding there is:
 * the server did redirect back, but without (or with another) state, or with a stateless error.
 */
function strayAsOutcome(outcome: CallbackOutcome | undefined, receiver: CallbackServer): CallbackOutcome | undefined {
  if (outcome && (outcome.ok || outcome.reason !== 'timeout')) return outcome;
  const stray = [...receiver.ignored].reverse().find((i) => i.judged)?.judged;
  if (!stray) return outcome;
  const ignored = [...receiver.ignored];
  return { ...stray, message: `${stray.message}${outcome ? ` (then ${outcome.message})` : ''}`, ignored };
}

async function exchangeCode(ctx: VerifyContext, config: oidc.Configuration, scopes: string[]): Promise<StepOutcome> {
  const callbackUrl = new URL(ctx.secrets.callbackUrl!);
  // openid-client re-checks state and iss; ours already passed, so only its PKCE/nonce/ID token checks add.
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: ctx.secrets.codeVerifier!,
      expectedState: ctx.secrets.state!,
      ...(ctx.secrets.nonce ? { expectedNonce: ctx.secrets.nonce } : {}),
      idTokenExpected: false,
    }, sendsResource(ctx) ? { resource: ctx.options.url } : undefined);
    ctx.secrets.accessToken = tokens.access_token;
    ctx.secrets.issued.push({ token: tokens.access_token, hint: 'access_token' });
    if (tokens.refresh_token) {
      ctx.secrets.refreshToken = tokens.refresh_token;
      ctx.secrets.issued.push({ token: tokens.refresh_token, hint: 'refresh_token' });
    }
    const idClaims = tokens.id_token ? tokens.claims() : undefined;
    ctx.state.tokenResponse = {
      tokenType: tokens.token_type, refresh: !!tokens.refresh_token, idToken: !!tokens.id_token,
      ...(tokens.expires_in !== undefined ? { expiresIn: tokens.expires_in } : {}),
      ...(tokens.scope !== undefined ? { scope: tokens.scope } : {}),
      ...(ctx.lastTokenDate ? { serverDate: ctx.lastTokenDate } : {}),
    };
    return pass({ ...ctx.state.tokenResponse, requestedScope: scopes.join(' '), ...(idClaims ? { idTokenClaims: idClaims, idToken: 'validated by openid-client (iss, aud, exp, nonce)' } : {}) });
  } catch (error) {
    const e = error as Error & { error?: string; error_description?: string; status?: number; code?: string; cause?: unknown };
    const evidence = { tokenEndpoint: ctx.state.as?.metadata?.token_endpoint, status: e.status, error: e.error, error_description: e.error_description, code: e.code };
    const { detail, answered } = oauthFailure(error, ctx.timeoutMs);
    if (!answered) {
      return fail(evidence, `the token endpoint ${ctx.state.as?.metadata?.token_endpoint ?? ''} ${detail}`,
        fixWith('Check that the token endpoint named in the authorization-server metadata is reachable from this machine (proxy, firewall); allow a longer time limit for a slow server.', { action: 'run.raise-timeout' }), 'no token');
    }
    if (!e.error && e.code?.startsWith('OAUTH_')) {
      // openid-client judged the answer itself malformed (or an ID token invalid), not a refusal.
      const inner = e.cause instanceof Error ? e.cause.message : undefined;
      return fail(evidence, `the token endpoint's answer does not validate: ${e.message}${inner ? ` (${inner})` : ''}`,
        'The server answered with a malformed token response or ID token; see the evidence.', 'no token');
    }
    return fail(evidence, `the token endpoint refused the code exchange: ${detail}`, exchangeFix(detail), 'no token');
  }
}

/** The fix for a refused code exchange, from the errors Casdoor and Hanzo IAM send (docs/iam-facts.md, token endpoint). */
export function exchangeFix(detail: string): Fix {
  if (/challenge method|verifier is invalid|code_verifier/i.test(detail)) {
    return fixWith('The server checks PKCE and refused this exchange: it accepts only S256 (which the verifier sends); a proxy rewriting the request or a server bug is likely.', { action: 'verify.run' });
  }
  if (/invalid_client|client_secret/i.test(detail)) {
    return fixWith('The server treats the application as a confidential client: give its client secret, or make the application public (no secret; PKCE S256 only).', { action: 'verify.client-secret' });
  }
  if (/invalid_scope|invalid scope/i.test(detail)) {
    return fixWith('A requested scope is not in the application\'s scope list: add it to the application in the IAM console, or request fewer scopes.', { action: 'verify.set-scopes' });
  }
  if (/expired|has been used|code.*invalid|invalid_grant/i.test(detail)) {
    return fixWith('The authorization code was refused (expired, reused, or issued to another redirect URI or client): verify again and finish the sign-in promptly.', { action: 'verify.run' });
  }
  if (/unauthorized_client|unsupported_grant_type|grant/i.test(detail)) {
    return fixWith('Enable the authorization_code grant type on the application in the IAM console.', { action: 'iam.enable-grant', grant: 'authorization_code' });
  }
  return fixWith('Check the client id (and secret for a confidential app) and the redirect URI registration; the error above is the server\'s own.', { action: 'verify.set-client-id' });
}

/**
 * What to register after a refused redirect URI. RFC 8252 §7.3 servers (newer Hanzo IAM) accept
 * any port on http://127.0.0.1 when the path matches, so the port-less URI is the one to add; an
 * exact-match server needs a fixed port. A `*` port is no wildcard to Casdoor (docs/iam-facts.md,
 * "The guide's errors" 5), so it is never suggested.
 */
export function redirectFix(redirectUri: string, pinnedPort: number | undefined): Fix {
  const uri = new URL(redirectUri);
  const bridgeNote = uri.pathname !== BRIDGE_CALLBACK_PATH ? ` The written mcp-remote entry uses the path ${BRIDGE_CALLBACK_PATH}.` : '';
  if (pinnedPort) return fixWith(`Register exactly ${redirectUri} in the application's Redirect URIs.${bridgeNote}`, { action: 'iam.register-redirect-uri', uri: redirectUri });
  const portless = `${uri.protocol}//${uri.hostname}${uri.pathname}`;
  const fixed = portless.replace(uri.hostname, `${uri.hostname}:8976`);
  return fixWith(`Register ${portless} in the application's Redirect URIs (servers following RFC 8252 §7.3 then accept any port); `
    + `a server that matches exactly needs a fixed port: use callback port 8976 and register ${fixed}.${bridgeNote}`, { action: 'verify.callback-port', port: 8976, uri: fixed });
}
