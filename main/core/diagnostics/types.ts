/**
 * The doctor's data model (docs/architecture.md, Conventions 6): a check is `(ctx, signal) => Promise<Outcome>`, the
 * runner adds id, title and timing. Every outside effect a check needs is in `DoctorDeps`, so
 * each check is testable against real local servers and temp dirs.
 */
import type { CheckStatus, FixAction } from '../../contract/check.js';
import type { FetchLike } from '../http/exchange.js';
import type { BridgeEntry } from './entry.js';
import type { ConfigLoad } from './config-load.js';
import type { FsReadPort } from '../config/fs-port.js';
import type { PortProbeDeps } from '../bridge-tools/port-holder.js';

export type Area = 'connector' | 'config' | 'net' | 'mcp' | 'discovery' | 'redirect' | 'cors' | 'scope' | 'token' | 'bridge' | 'claude';

/** What a check returns; words (cause/fix) come from words.ts, the one place for user-facing text. */
export interface Outcome {
  status: CheckStatus;
  evidence: Record<string, unknown>;
  cause?: string;
  fix?: string;
  fixAction?: FixAction;
  /** A skip that is "not applicable" does not make dependent checks skip. */
  notApplicable?: boolean;
}

export interface ProcessInfo { name: string; startedAtMs?: number }

export interface DoctorDeps {
  fetch: FetchLike;
  /** The engine's one file-system port (config/fs-port.ts), read side: bytes, decoded by the reader. */
  fs: FsReadPort;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
  now: () => number;
  /** DNS resolution of a host name (node:dns lookup, all addresses). */
  lookup: (host: string) => Promise<string[]>;
  /** Opens and closes one TCP connection; rejects with the socket error (`code`). */
  tcpConnect: (host: string, port: number, signal: AbortSignal) => Promise<void>;
  /** TLS handshake with SNI; resolves the peer's verdict (never throws for a bad cert). */
  tlsProbe: (host: string, port: number, signal: AbortSignal) => Promise<TlsVerdict>;
  listProcesses: () => Promise<ProcessInfo[]>;
  /** `node --version` of the node next to a resolved command (undefined when none). */
  nodeVersion: (nodePath: string) => Promise<string | undefined>;
  /** npm registry base URL (no trailing slash). */
  registryUrl: string;
  /**
   * The network deps as a process started with NODE_EXTRA_CA_CERTS=<that PEM> would have them:
   * the bridge runs with the entry's env, so a CA trusted there is trusted by the doctor too.
   */
  trustingCa?: (pem: string) => Pick<DoctorDeps, 'fetch' | 'tlsProbe'>;
  /** Binds and names port holders (bridge.callback-port); the check skips without it. */
  portProbe?: PortProbeDeps;
}

export interface TlsVerdict {
  authorized: boolean;
  /** Node's authorizationError code, e.g. CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID. */
  errorCode?: string;
  subject?: string;
  altNames?: string;
  validTo?: string;
  /** The handshake itself failed (e.g. the port speaks plain HTTP). */
  handshakeError?: string;
}

/** What is being diagnosed: read from the config entry, overridden by flags. */
export interface DoctorTarget {
  name: string;
  configPath?: string;
  mcpUrl?: string;
  clientId?: string;
  scopes?: string[];
  entry?: BridgeEntry;
  /** The config file as loaded (absent when none was looked at). */
  config?: ConfigLoad;
}

export interface TokenSource {
  accessToken: string;
  refreshToken?: string;
  /** Where it came from, for evidence: 'flag' | 'login' | 'bridge-cache'. */
  origin: 'flag' | 'login' | 'bridge-cache';
  /** Scope string from the token response, when known. */
  scope?: string;
}

export interface DoctorOptions {
  target: DoctorTarget;
  token?: TokenSource;
  /**
   * A token still being obtained (`--login`): the runner starts every check that needs no token
   * at once and lets only the `needsToken` checks wait for it, so a sign-in and the network checks
   * share one timeout instead of adding up. Resolves undefined when no token was obtained.
   */
  pendingToken?: Promise<TokenSource | undefined>;
  offline?: boolean;
  probeWrite?: boolean;
  timeoutMs?: number;
}

export interface CheckContext {
  deps: DoctorDeps;
  options: DoctorOptions;
  timeoutMs: number;
  /** Memoized shared work (one HTTP exchange reused by several checks), keyed by name. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Results of checks this one declared in `needs` (always settled before run). */
  result(id: string): Outcome | undefined;
  /** Secrets to mask in any evidence (token values). */
  secrets: string[];
}

export interface CheckDef {
  id: string;
  area: Area;
  title: string;
  /** Checks that must pass (or warn, or be not-applicable) before this one runs. */
  needs?: string[];
  /** Checks that must have settled before this one runs, whatever their status (it reads their memoised work). */
  after?: string[];
  /** Skipped with a reason under --offline. */
  network?: boolean;
  /** Skipped with a reason when no token is available. */
  needsToken?: boolean;
  /** This check's own time limit, overriding the run's per-check timeout (e.g. bridge.run waits for a human sign-in). */
  timeoutMs?: number;
  run(ctx: CheckContext, signal: AbortSignal): Promise<Outcome>;
}
