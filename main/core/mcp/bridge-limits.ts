/**
 * The time limits of a bridge run, with the CLI's one meaning of each: `requestTimeoutMs` bounds
 * every MCP request through the bridge (as `verify --timeout` bounds each HTTP request), and
 * `loginTimeoutMs` bounds the wait for a person to sign in once the bridge asks for it. Starting
 * the bridge (npx may have to install mcp-remote first) has its own allowance, until the bridge
 * first writes anything. At most one limit is armed at a time; when it passes, `onExpired` stops
 * the run with the limit that passed.
 */

/** Allowance for the bridge to start (npx resolving or installing the package), until its first output. */
export const BRIDGE_START_MS = 60_000;
export const DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_LOGIN_TIMEOUT_MS = 120_000;

export type LimitKind = 'start' | 'request' | 'sign-in' | 'run';

export interface Limit {
  kind: LimitKind;
  ms: number;
  /** Epoch ms at which it passes. */
  deadline: number;
  /** What is waited for, e.g. `mcp.tools-list` or `sign-in`. */
  what: string;
}

export interface RunLimits {
  arm(kind: LimitKind, ms: number, what: string): Limit;
  /** The limit armed now (undefined when none). */
  current(): Limit | undefined;
  clear(): void;
}

export function runLimits(onExpired: (limit: Limit) => void, now: () => number = Date.now): RunLimits {
  let timer: NodeJS.Timeout | undefined;
  let armed: Limit | undefined;
  return {
    arm(kind, ms, what) {
      clearTimeout(timer);
      const limit: Limit = { kind, ms, deadline: now() + ms, what };
      armed = limit;
      timer = setTimeout(() => onExpired(limit), ms);
      return limit;
    },
    current: () => armed,
    clear() {
      clearTimeout(timer);
      armed = undefined;
    },
  };
}
