/**
 * The verifier's run context: options, injected effects, the serialisable state the steps share
 * (what the GUI can show) and, apart from it, the secrets (tokens, verifier, state) that never
 * leave the process.
 */
import type { CheckResult, FixAction } from '../../contract/check.js';
import { httpExchange, type HttpRequest } from '../http/exchange.js';
import type { Http, AsResult, PrmResult } from '../oauth/discovery.js';
import type { ClientIdentity } from '../oauth/client.js';
import type { ProbeResult } from '../mcp/probe.js';
import type { CallbackOutcome, CallbackServer } from '../oauth/callback-server.js';
import type { AuthorizationOutcomes } from './steps-oauth.js';
import type { TokenInspection } from '../oauth/token-inspect.js';
import type { McpSession } from '../mcp/session.js';
import type { VerifyDeps, VerifyOptions } from './types.js';
import type { Preflight } from './steps-preflight.js';

export interface VerifyState {
  probe?: ProbeResult;
  prm?: PrmResult;
  as?: AsResult;
  identity?: Omit<ClientIdentity, 'clientSecret'>;
  requestedScopes: string[];
  scopeSource?: 'user' | 'challenge' | 'protected-resource' | 'authorization-server' | 'none';
  resource?: string;
  redirectUri?: string;
  authorizationUrl?: string;
  browserError?: string;
  callback?: CallbackOutcome;
  tokenResponse?: { tokenType?: string; expiresIn?: number; scope?: string; refresh: boolean; idToken: boolean; serverDate?: string };
  inspection?: TokenInspection;
  claims?: Record<string, unknown>;
  tools?: { name: string; description?: string }[];
  authorizationAttempts: number;
  /** The authorization request tried without a browser (steps-preflight.ts). */
  preflight?: Preflight;
  /** The loopback receiver could not listen (a taken --callback-port). */
  receiverProblem?: { port: number; message: string };
}

export interface VerifySecrets {
  clientSecret?: string;
  codeVerifier?: string;
  state?: string;
  nonce?: string;
  callbackUrl?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Every token obtained, for revocation and for masking in evidence. */
  issued: { token: string; hint: 'access_token' | 'refresh_token' }[];
}

export interface VerifyContext {
  options: VerifyOptions;
  deps: VerifyDeps;
  signal: AbortSignal;
  http: Http;
  state: VerifyState;
  secrets: VerifySecrets;
  session?: McpSession;
  /** `Date` header of the last token endpoint response (clock comparison). */
  lastTokenDate?: string;
  timeoutMs: number;
  /** The loopback receiver, started with the client step (DCR needs its redirect URI). */
  receiver?: CallbackServer;
  /** Authorize -> callback -> token ran as one unit; its four outcomes feed four steps. */
  auth?: AuthorizationOutcomes;
  /** Scopes added by step-up re-authorizations. */
  steppedUp?: string[];
  /** The scope finding of the tool call, reported by `scope.tool-access`. */
  scopeOutcome?: StepOutcome;
}

export type StepOutcome = Omit<CheckResult, 'id' | 'title' | 'durationMs'> & {
  /** Later steps that need this one are skipped with this reason. */
  blocks?: string;
};

export function makeContext(options: VerifyOptions, deps: VerifyDeps, signal: AbortSignal): VerifyContext {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ctx: VerifyContext = {
    options, deps, signal, timeoutMs,
    http: (req: HttpRequest) => httpExchange(deps.fetch, { timeoutMs, signal, ...req }, deps.now),
    state: { requestedScopes: [], authorizationAttempts: 0 },
    secrets: { issued: [] },
  };
  if (options.clientSecret) ctx.secrets.clientSecret = options.clientSecret;
  return ctx;
}

/** A fix in door-neutral words with its action (each door phrases the action its own way). */
export interface Fix { text: string; action: FixAction }
export const fixWith = (text: string, action: FixAction): Fix => ({ text, action });
const fixFields = (fix: string | Fix | undefined): Pick<StepOutcome, 'fix' | 'fixAction'> =>
  fix === undefined ? {} : typeof fix === 'string' ? { fix } : { fix: fix.text, fixAction: fix.action };

export const pass = (evidence: Record<string, unknown>): StepOutcome => ({ status: 'pass', evidence });
export const warn = (evidence: Record<string, unknown>, cause: string, fix?: string | Fix): StepOutcome => ({ status: 'warn', evidence, cause, ...fixFields(fix) });
export const fail = (evidence: Record<string, unknown>, cause: string, fix?: string | Fix, blocks?: string): StepOutcome => ({
  status: 'fail', evidence, cause, ...fixFields(fix), ...(blocks ? { blocks } : {}),
});
export const skip = (cause: string, evidence: Record<string, unknown> = {}): StepOutcome => ({ status: 'skip', evidence, cause });
