/**
 * Typed errors inside core (docs/architecture.md, Conventions 2). Every error a user can see carries a stable
 * SCREAMING_SNAKE `code`, a one-line `message` naming what was wrong, optional structured
 * `detail` (data for the GUI/JSON output) and the underlying `cause`.
 */
export class HelperError extends Error {
  readonly code: string;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: { detail?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HelperError';
    this.code = code;
    this.detail = options.detail;
  }
}

/** Bad input from the user (CLI exit code 2). */
export class UsageError extends HelperError {
  constructor(message: string, detail?: Record<string, unknown>) {
    super('USAGE', message, { detail });
    this.name = 'UsageError';
  }
}

/** One-line description of any thrown value, for stderr. */
export function describeError(error: unknown): string {
  if (error instanceof HelperError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
