/**
 * The authorize web page shared by both profiles: GET shows the login form (or, with a session,
 * goes straight on), POST with username/password signs in, POST with `decision` answers the
 * consent page. Ends in a 302 to the redirect URI with `code` and `state` (RFC 6749 §4.1.2).
 * Each profile supplies its own request checks and error rendering.
 */
import type { SeedApplication, SeedUser } from './seed.js';
import { readCookie, readForm, redirect, sendHtml, type Req, type Res } from './http-util.js';
import { consentPage, errorPage, loginPage } from './pages.js';
import { findUser, needsConsent, now, randomId, recordConsent, type EmulatorState } from './state.js';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  responseType: string;
  scope: string;
  state: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  nonce: string | undefined;
  resource: string | undefined;
}

export interface AuthorizeRules {
  sessionCookie: string;
  /** Checks before anything is shown; returns the app or an error message. */
  check(state: EmulatorState, params: AuthorizeParams): { app: SeedApplication } | { error: string };
  /** Checks at sign-in (Casdoor checks PKCE when issuing the code); an error message or undefined. */
  checkAtSignIn(params: AuthorizeParams, app: SeedApplication): string | undefined;
  renderError(res: Res, message: string): void;
}

/** Authorization codes live 5 minutes (docs/iam-facts.md). */
const CODE_TTL_MS = 5 * 60 * 1000;

export function authorizeParams(url: URL): AuthorizeParams {
  const q = url.searchParams;
  return {
    clientId: q.get('client_id') ?? '', redirectUri: q.get('redirect_uri') ?? '', responseType: q.get('response_type') ?? '',
    scope: q.get('scope') ?? '', state: q.get('state') ?? '', codeChallenge: q.get('code_challenge') ?? '',
    codeChallengeMethod: q.get('code_challenge_method') ?? '', nonce: q.get('nonce') ?? undefined, resource: q.get('resource') ?? undefined,
  };
}

function sendCode(res: Res, state: EmulatorState, params: AuthorizeParams, app: SeedApplication, user: SeedUser, headers: Record<string, string>): void {
  const code = randomId(20);
  state.codes.set(code, {
    code, clientId: app.clientId, username: user.username, scope: params.scope, redirectUri: params.redirectUri,
    codeChallenge: params.codeChallenge, resource: params.resource, nonce: params.nonce, expiresAt: now(state) + CODE_TTL_MS, usedForToken: undefined,
  });
  const target = new URL(params.redirectUri);
  target.searchParams.set('code', code);
  if (params.state) target.searchParams.set('state', params.state);
  redirect(res, target.href, headers);
}

function proceed(res: Res, state: EmulatorState, params: AuthorizeParams, app: SeedApplication, user: SeedUser, headers: Record<string, string> = {}): void {
  if (needsConsent(state, app, user.username, params.scope)) {
    sendHtml(res, 200, consentPage(app.displayName, user.username, params.scope.split(' ').filter(Boolean)), headers);
    return;
  }
  sendCode(res, state, params, app, user, headers);
}

export async function handleAuthorize(req: Req, res: Res, url: URL, state: EmulatorState, rules: AuthorizeRules): Promise<void> {
  const params = authorizeParams(url);
  const fault = state.faults.authorize500;
  if (fault === 'always' || (fault === 'resource' && params.resource !== undefined)) {
    return sendHtml(res, 500, errorPage(fault === 'resource' ? 'Internal Server Error: unsupported resource parameter' : 'Internal Server Error'));
  }
  const checked = rules.check(state, params);
  if ('error' in checked) return rules.renderError(res, checked.error);
  const { app } = checked;
  const sessionId = readCookie(req, rules.sessionCookie);
  const sessionUser = sessionId ? findUser(state, state.sessions.get(sessionId) ?? '') : undefined;

  if (req.method === 'GET') {
    if (sessionUser && !sessionUser.isForbidden) {
      const signInError = rules.checkAtSignIn(params, app);
      if (signInError) return rules.renderError(res, signInError);
      return proceed(res, state, params, app, sessionUser);
    }
    return sendHtml(res, 200, loginPage(app.displayName, app.organization));
  }
  if (req.method !== 'POST') return sendHtml(res, 405, loginPage(app.displayName, app.organization, 'method not allowed'));

  const form = await readForm(req);
  if (form.decision !== undefined) {
    if (!sessionUser) return sendHtml(res, 200, loginPage(app.displayName, app.organization, 'Please sign in first'));
    if (form.decision !== 'approve') {
      const target = new URL(params.redirectUri);
      target.searchParams.set('error', 'access_denied');
      if (params.state) target.searchParams.set('state', params.state);
      return redirect(res, target.href);
    }
    recordConsent(state, app, sessionUser.username, params.scope);
    return sendCode(res, state, params, app, sessionUser, {});
  }

  const user = findUser(state, form.username ?? '');
  if (!user || user.password !== (form.password ?? '')) {
    return sendHtml(res, 200, loginPage(app.displayName, app.organization, 'password or code is incorrect'));
  }
  if (user.isForbidden) {
    return sendHtml(res, 200, loginPage(app.displayName, app.organization, 'The user is forbidden to sign in, please contact the administrator'));
  }
  const signInError = rules.checkAtSignIn(params, app);
  if (signInError) return rules.renderError(res, signInError);
  const sid = randomId(18);
  state.sessions.set(sid, user.username);
  proceed(res, state, params, app, user, { 'Set-Cookie': `${rules.sessionCookie}=${encodeURIComponent(sid)}; Path=/; HttpOnly; SameSite=Lax` });
}

