/**
 * runDoctor: load the config, build the target (entry read back, flags override), pick the
 * token, run every check, and return the report as data. Never throws for a diagnosed problem.
 */
import type { CheckResult, OnProgress } from '../../contract/check.js';
import { allChecks } from './checks/index.js';
import { tokenFromBridgeCache } from './checks/bridge-cache.js';
import { loadMcpSdk } from '../mcp/sdk.js';
import { redirectUriForTarget } from './target-info.js';
import { redactEvidence } from '../http/redact.js';
import { buildTarget, loadConfig, type TargetFlags } from './config-load.js';
import { runChecks } from './runner.js';
import { say } from './words.js';
import type { CheckDef, DoctorDeps, DoctorOptions, DoctorTarget, TokenSource } from './types.js';

export interface DoctorInput extends TargetFlags {
  configPath?: string;
  token?: TokenSource;
  useBridgeCache?: boolean;
  /** Runs the verifier's login (`--login`) and returns its tokens. */
  login?: (target: DoctorTarget) => Promise<TokenSource>;
  offline?: boolean;
  probeWrite?: boolean;
  timeoutMs?: number;
  /** More checks (e.g. `bridge.run` under --bridge), run with the same runner. */
  extraChecks?: CheckDef[];
}

export interface DoctorTargetSummary {
  name: string;
  configPath?: string;
  mcpUrl?: string;
  clientId?: string;
  scopes?: string[];
  bridgePackage?: string;
  redirectUri?: string;
  tokenSource?: TokenSource['origin'];
}

export interface DoctorReport {
  version: 1;
  /** Present when the run was cancelled: checks it reached are `skip` with evidence.reason `cancelled`. */
  cancelled?: true;
  target: DoctorTargetSummary;
  checks: CheckResult[];
  summary: { pass: number; warn: number; fail: number; skip: number };
  durationMs: number;
}

export function summarize(checks: CheckResult[]): DoctorReport['summary'] {
  const s = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) s[c.status]++;
  return s;
}

/** mcp-remote reads `--static-…` values given as `@<path>` from that file (Windows entries). */
async function readFileArgs(target: DoctorTarget, flags: TargetFlags, deps: DoctorDeps): Promise<void> {
  const read = async (file: string | undefined): Promise<Record<string, unknown> | undefined> => {
    if (!file) return undefined;
    try { return JSON.parse((await deps.fs.readFile(file)).toString('utf8')) as Record<string, unknown>; } catch { return undefined; }
  };
  const entry = target.entry;
  if (!entry) return;
  const info = await read(entry.infoFile);
  if (!flags.clientId && typeof info?.client_id === 'string') { target.clientId = info.client_id; entry.clientId = info.client_id; entry.clientIdSource = 'static-oauth-client-info'; }
  const meta = await read(entry.metadataFile);
  if (flags.scopes === undefined && typeof meta?.scope === 'string') {
    target.scopes = meta.scope.split(' ').filter(Boolean); entry.scopes = target.scopes; entry.scopeSource = 'static-oauth-client-metadata';
  }
}

/** NODE_EXTRA_CA_CERTS in the entry's env (net.tls's own fix): check as the bridge will connect. */
async function withEntryCa(target: DoctorTarget, deps: DoctorDeps): Promise<DoctorDeps> {
  const file = target.entry?.env.NODE_EXTRA_CA_CERTS;
  if (!file || !deps.trustingCa) return deps;
  try { return { ...deps, ...deps.trustingCa((await deps.fs.readFile(file)).toString('utf8')) }; } catch { return deps; }
}

export async function runDoctor(input: DoctorInput, deps: DoctorDeps, run: { signal?: AbortSignal; onProgress?: OnProgress } = {}): Promise<DoctorReport> {
  const started = deps.now();
  const load = await loadConfig(deps, input.name ?? 'iam', input.configPath);
  const target = buildTarget(load, input, deps.platform);
  await readFileArgs(target, input, deps);
  deps = await withEntryCa(target, deps);
  let tokenNote: CheckResult | undefined;
  const mcpUrl = target.mcpUrl;
  const fromCache = async (): Promise<TokenSource | undefined> =>
    input.useBridgeCache && mcpUrl ? tokenFromBridgeCache(deps, mcpUrl, target.entry?.env) : undefined;
  // --login runs alongside the checks (only the token checks wait for it): an unreachable server
  // then costs one timeout, not the login's plus the checks'.
  const pendingToken = input.token ? undefined : input.login
    ? input.login(target).catch((error: unknown) => {
      if (run.signal?.aborted) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      tokenNote = { id: 'token.login', status: 'fail', title: 'Sign in for the token checks', evidence: { error: message }, ...say('login-failed', { error: message }) };
      return undefined;
    }).then(async (t) => t ?? fromCache())
    : fromCache();
  if ((input.token || input.login) && !input.offline) void loadMcpSdk().catch(() => undefined);
  const options: DoctorOptions = {
    target, ...(input.token ? { token: input.token } : {}), ...(pendingToken ? { pendingToken } : {}),
    offline: input.offline ?? false, probeWrite: input.probeWrite ?? false, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  };
  const checks = await runChecks([...allChecks, ...(input.extraChecks ?? [])], deps, options, run);
  await pendingToken;
  const token = options.token;
  if (tokenNote) checks.push(tokenNote);
  const redirectUri = redirectUriForTarget(target);
  // The target is read from a user's file (a URL may carry userinfo or a secret parameter).
  return redactEvidence<DoctorReport>({
    version: 1,
    ...(run.signal?.aborted ? { cancelled: true as const } : {}),
    target: {
      name: target.name, ...(target.configPath ? { configPath: target.configPath } : {}), ...(target.mcpUrl ? { mcpUrl: target.mcpUrl } : {}),
      ...(target.clientId ? { clientId: target.clientId } : {}), ...(target.scopes ? { scopes: target.scopes } : {}),
      ...(target.entry?.packageSpec ? { bridgePackage: target.entry.packageSpec } : {}), ...(redirectUri ? { redirectUri } : {}),
      ...(token ? { tokenSource: token.origin } : {}),
    },
    checks,
    summary: summarize(checks),
    durationMs: deps.now() - started,
  }, [token?.accessToken, token?.refreshToken].filter((s): s is string => !!s));
}
