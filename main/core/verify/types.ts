/**
 * The verifier's public contract: options in, a list of CheckResult steps out. The GUI
 * calls `runVerify` over IPC; the CLI renders the same result. Nothing here holds a raw token.
 */
import type { CheckResult, OnProgress } from '../../contract/check.js';
import type { FetchLike } from '../http/exchange.js';

export interface VerifyOptions {
  /** The MCP server URL, e.g. https://iam.example.com/api/mcp. */
  url: string;
  clientId?: string;
  /** For confidential clients (pre-registered with a secret). Never echoed. */
  clientSecret?: string;
  /** A Client ID Metadata Document URL to use as client_id when the server supports it and no id is given. */
  clientMetadataUrl?: string;
  /** Requested scopes; default: the challenge's `scope`, else PRM `scopes_supported`. */
  scopes?: string[];
  /** 0 or undefined picks a free port. */
  callbackPort?: number;
  /** Default `/callback` (BRIDGE_CALLBACK_PATH). */
  callbackPath?: string;
  /** A literal loopback address to listen on and name in the redirect URI (default 127.0.0.1). */
  callbackHost?: string;
  /** RFC 8707 `resource` = the MCP URL; false omits it (some servers reject it). Default true. */
  resource?: boolean;
  /** A tool to call instead of the default read-only one. */
  call?: { tool: string; args: Record<string, unknown> };
  /** Skip token revocation at the end. */
  keep?: boolean;
  /** Per-request network timeout, ms (default 10000). */
  timeoutMs?: number;
  /** How long to wait for the browser to come back, ms (default 5 min). */
  callbackTimeoutMs?: number;
  /** Step-up re-authorizations allowed on a 403 scope challenge (default 1; MCP 2025-11-25 §Step-Up). */
  maxStepUps?: number;
}

export interface VerifyDeps {
  /** Every HTTP request (discovery, OAuth, MCP) goes through this one fetch (the --ca aware one). */
  fetch: FetchLike;
  now: () => number;
  /** Shows `url` to the user. Rejects when the browser/automation failed (its message is evidence). */
  openBrowser: (url: string, signal: AbortSignal) => Promise<void>;
  onProgress?: OnProgress;
  signal?: AbortSignal;
}

export interface VerifyResult {
  version: 1;
  /** Present when the run was cancelled (the signal aborted): its steps are what finished before. */
  cancelled?: true;
  steps: CheckResult[];
  /** Claims of the access token (JWT) or introspection, and a redacted form of the token. */
  token?: { claims: Record<string, unknown>; redacted: string };
  tools?: { name: string; description?: string }[];
  durationMs: number;
}

/** Step ids (doctor ids reused where they mean the same thing). */
export const STEP_IDS = [
  'mcp.probe', 'discovery.protected-resource', 'discovery.authorization-server', 'oauth.client',
  'oauth.authorize', 'oauth.sign-in', 'redirect.loopback', 'oauth.callback', 'token.exchange', 'token.inspect', 'token.expiry',
  'token.refresh', 'mcp.initialize', 'mcp.tools-list', 'mcp.tool-call', 'scope.tool-access', 'cleanup.revoke',
  /** Recorded only when a 403 scope challenge led to a re-authorization. */
  'scope.step-up',
] as const;
export type StepId = (typeof STEP_IDS)[number];
