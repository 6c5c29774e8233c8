/**
 * Diagnostics are data (docs/architecture.md, Conventions 6). Verify steps and doctor checks share this shape, so the
 * CLI, the GUI and reports all render the same thing. `evidence` is what was sent and received,
 * already redacted (no token, code, secret or cookie values).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/**
 * A fix with its parameters, e.g. `{action: 'config.set-scopes', scopes: 'openid application:read'}`.
 * `action` is a stable id (every id and its parameters: docs/fix-actions.md); `fix` says the same
 * in words that name no door's controls, and each door phrases the action its own way.
 */
export interface FixAction {
  action: string;
  [param: string]: string | number | boolean | undefined;
}

export interface CheckResult {
  /** Stable id such as `config.json-valid` or `redirect.loopback`: GUI, reports and tests key on it. */
  id: string;
  status: CheckStatus;
  title: string;
  evidence: Record<string, unknown>;
  /** One sentence; present when status is warn/fail/skip. */
  cause?: string;
  /** Concrete steps the user can take. */
  fix?: string;
  /** The fix as data: a door turns it into a button (GUI) or a command line (CLI). */
  fixAction?: FixAction;
  durationMs?: number;
}

/** A long operation's progress, streamed to the CLI (a line) or the GUI (over IPC). */
export interface ProgressEvent {
  id: string;
  phase: 'start' | 'end';
  title: string;
  result?: CheckResult;
  /**
   * Structured facts about a start, for a door to render in its own words, e.g. a wait:
   * `{ waitingFor: 'sign-in', authorizationUrl, timeoutMs, deadline }` (deadline in epoch ms).
   */
  detail?: ProgressDetail;
}

export interface ProgressDetail {
  /** What the operation now waits for: `sign-in`, or the request or step it awaits. */
  waitingFor?: string;
  /** The URL a person must open to sign in (no secret in it: PKCE challenge and state only). */
  authorizationUrl?: string;
  /** The limit on this wait, ms, and when it passes (epoch ms). */
  timeoutMs?: number;
  deadline?: number;
  [key: string]: unknown;
}

export type OnProgress = (event: ProgressEvent) => void;
