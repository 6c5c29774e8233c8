/**
 * Verify through the bridge, exactly as Claude Desktop runs it: spawn the entry's
 * command with Claude's PATH and env, speak MCP to it over stdio (initialize, tools/list, one
 * read-only call: the guide's "List all applications"), let the bridge sign in through the
 * browser hook, turn its stderr into findings, and always kill its whole process tree.
 * Result shape is `runVerify`'s: `{version:1, steps, tools?, durationMs}`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult, OnProgress } from '../../contract/check.js';
import type { FetchLike } from '../http/exchange.js';
import { describeEntry } from '../config/entry-describe.js';
import { mcpRemoteConfigDir } from '../mcp-remote-facts.js';
import { createOpenerHook } from './bridge-opener.js';
import { locateCommand, loginShellPath, spawnPath } from './bridge-path.js';
import { BridgeTransport, bridgeChildEnv } from './bridge-spawn.js';
import { redactEvidence, redactText } from '../http/redact.js';
import { bridgeFindings } from './bridge-findings.js';
import { watchLogin } from './bridge-login.js';
import { bridgeMcpSession } from './bridge-mcp.js';
import { pathStep, spawnStep, loginStep, cleanupStep, timeoutStep } from './bridge-steps.js';
import { BRIDGE_START_MS, DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS, DEFAULT_LOGIN_TIMEOUT_MS, runLimits, type Limit } from './bridge-limits.js';

export interface BridgeEntryInput {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface BridgeRunOptions {
  entry: BridgeEntryInput;
  platform: NodeJS.Platform;
  /** The app's environment (Claude's child env is built from it; the browser command gets it whole). */
  env: NodeJS.ProcessEnv;
  /** The child's working directory; also where `npx` looks for a locally installed package. */
  cwd: string;
  /** The user's home directory: mcp-remote's default cache is `<homedir>/.mcp-auth`. */
  homedir: string;
  /** Where the run's scratch dir (fresh cache, browser hook) is created. */
  tmpdir: string;
  /** Shell command line that receives the authorization URL as its last argument. Without it the bridge opens the user's browser. */
  browserCommand?: string;
  /** Use the user's real mcp-remote cache (mcpRemoteConfigDir: the entry's MCP_REMOTE_CONFIG_DIR, else `<homedir>/.mcp-auth`) instead of a fresh empty one. */
  useBridgeCache?: boolean;
  /** Added to the child's env last (tests: npm offline/registry settings). */
  extraEnv?: Record<string, string>;
  /** `gui` (default): the PATH a GUI-launched Claude gets; `inherit`: this process's PATH. */
  pathMode?: 'gui' | 'inherit';
  /** Owner passed to get_applications (default `built-in`). */
  owner?: string;
  /** Limit on each MCP request through the bridge, ms (default 10 s; the first one also gets BRIDGE_START_MS to start). */
  requestTimeoutMs?: number;
  /** Limit on the wait for a sign-in once the bridge asks for one, ms (default 120 s). */
  loginTimeoutMs?: number;
  /** An optional hard limit on the whole run, ms (none by default). */
  timeoutMs?: number;
  fetch?: FetchLike;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Reads the login shell's PATH (injected; default runs `$SHELL -ilc`). */
  loginPath?: () => Promise<string | undefined>;
}

export interface BridgeReport {
  version: 1;
  /** Present when the run was cancelled (the signal aborted); the bridge was killed all the same. */
  cancelled?: true;
  steps: CheckResult[];
  tools?: string[];
  durationMs: number;
}

export async function runBridgeVerify(opts: BridgeRunOptions): Promise<BridgeReport> {
  const started = Date.now();
  const requestMs = opts.requestTimeoutMs ?? DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS;
  const loginMs = opts.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  const steps: CheckResult[] = [];
  const emit = (found: CheckResult) => {
    // A step the cancel cut short did not fail; a bridge process left running still does.
    let step = redactEvidence(found);
    if (stopReason === 'cancelled' && found.status !== 'pass' && found.status !== 'warn' && found.id !== 'bridge.cleanup') {
      const { fix: _fix, fixAction: _action, ...rest } = step;
      step = { ...rest, status: 'skip', cause: 'Skipped: the run was cancelled.', evidence: { ...step.evidence, reason: 'cancelled' } };
    }
    steps.push(step);
    opts.onProgress?.({ id: step.id, phase: 'end', title: step.title, result: step });
  };
  const begin = (id: string, title: string, detail?: Record<string, unknown>) => opts.onProgress?.({ id, phase: 'start', title, ...(detail ? { detail } : {}) });

  const run = new AbortController();
  let stopReason: string | undefined;
  let phase = 'bridge.path';
  let stuckAt = phase;
  const stop = (reason: string) => {
    if (stopReason === undefined) { stopReason = reason; stuckAt = phase; }
    run.abort(new Error(reason));
  };
  let expired: Limit | undefined;
  const limits = runLimits((limit) => { expired = limit; stop(`timeout after ${limit.ms} ms (${limit.what})`); });
  const whole = opts.timeoutMs;
  const deadline = whole ? setTimeout(() => { expired = { kind: 'run', ms: whole, deadline: started + whole, what: 'the whole run' }; stop(`timeout after ${whole} ms`); }, whole) : undefined;
  const onOuterAbort = () => stop('cancelled');
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (opts.signal?.aborted) onOuterAbort();

  const work = await mkdtemp(path.join(opts.tmpdir, 'iam-bridge-'));
  let transport: BridgeTransport | undefined;
  let stderr = '';
  let login: ReturnType<typeof watchLogin> | undefined;
  let tools: string[] | undefined;
  try {
    begin('bridge.path', 'Claude Desktop finds the command');
    const shellPath = await (opts.loginPath ?? (() => loginShellPath(opts.env, opts.platform)))();
    const where = await locateCommand(opts.entry.command, opts.platform, opts.env, undefined, shellPath);
    const used = opts.pathMode === 'inherit' ? { path: opts.env.PATH ?? '', from: 'current' as const } : spawnPath(where, opts.platform, opts.env);
    emit(pathStep(where, opts.platform, used));
    const appPath = used.path;

    const hook = opts.browserCommand ? await createOpenerHook(path.join(work, 'hook'), opts.platform) : undefined;
    const childEnv = bridgeChildEnv(opts.env, appPath, opts.entry.env ?? {});
    if (hook) {
      childEnv.PATH = [hook.binDir, childEnv.PATH].filter(Boolean).join(opts.platform === 'win32' ? ';' : ':');
      Object.assign(childEnv, hook.env);
    }
    const configDir = opts.useBridgeCache ? mcpRemoteConfigDir({ entryEnv: opts.entry.env ?? {}, homedir: opts.homedir, platform: opts.platform }) : path.join(work, 'mcp-auth');
    if (!opts.useBridgeCache) childEnv.MCP_REMOTE_CONFIG_DIR = configDir;
    Object.assign(childEnv, opts.extraEnv ?? {});

    phase = 'bridge.spawn';
    begin('bridge.spawn', 'The bridge starts as Claude Desktop starts it');
    transport = new BridgeTransport({
      command: opts.entry.command, args: opts.entry.args, env: childEnv, platform: opts.platform,
      cwd: opts.cwd, onStderr: (text) => {
        // The bridge's first words: it has started; from now on its request has the request limit.
        if (!stderr && limits.current()?.kind === 'start') limits.arm('request', requestMs, 'mcp.initialize');
        stderr = (stderr + text).slice(-65536);
      },
    });
    const exitedEarly = new Promise<void>((resolve) => { transport!.onclose = () => { stop('the bridge exited'); resolve(); }; });
    void exitedEarly;
    try {
      await transport.start();
    } catch (error) {
      emit(spawnStep({ error: error as NodeJS.ErrnoException, entry: opts.entry, cwd: opts.cwd, configDir, hook: !!hook, where }));
      return finish();
    }
    emit(spawnStep({ pid: transport.pid, entry: opts.entry, cwd: opts.cwd, configDir, hook: !!hook, where }));

    login = watchLogin({
      ...(hook ? { hook } : {}), stderr: () => stderr, ...(opts.browserCommand ? { browserCommand: opts.browserCommand } : {}),
      platform: opts.platform, env: opts.env, cwd: opts.cwd, fetch: opts.fetch ?? fetch,
      browserTimeoutMs: loginMs, requestTimeoutMs: requestMs, signal: run.signal,
      onFatal: (reason) => stop(`login failed: ${reason}`),
      // The sign-in bounds the request that asked for it. The event carries the authorization URL
      // (no secret in it: PKCE challenge and state only), so a door can show it to a user whose
      // browser did not open, and the limit, so it can show the time left.
      onUrl: (url) => {
        const limit = limits.arm('sign-in', loginMs, 'sign-in');
        begin('bridge.login', 'The bridge signs in through the browser',
          { waitingFor: 'sign-in', authorizationUrl: url, timeoutMs: limit.ms, deadline: limit.deadline });
      },
    });

    phase = 'mcp.initialize';
    const session = await bridgeMcpSession(transport, {
      signal: run.signal, owner: opts.owner ?? 'built-in',
      onPhase: (id, title) => {
        phase = id;
        if (id === 'mcp.initialize') limits.arm(stderr ? 'request' : 'start', stderr ? requestMs : BRIDGE_START_MS + requestMs, stderr ? id : 'the bridge to start');
        else limits.arm('request', requestMs, id);
        const limit = limits.current()!;
        begin(id, title, { waitingFor: limit.what, timeoutMs: limit.ms, deadline: limit.deadline });
      },
      onStep: emit,
    });
    tools = session.tools;
    phase = 'done';
  } finally {
    limits.clear();
    clearTimeout(deadline);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  return finish();

  async function finish(): Promise<BridgeReport> {
    // A browser command that completed the login is still closing its browser: let it end by itself.
    if (!run.signal.aborted) await login?.finish(5000);
    if (!run.signal.aborted) run.abort(new Error('finished'));
    begin('bridge.cleanup', 'No bridge process is left running');
    const pid = transport?.pid;
    // A cancel is a person waiting at the terminal: no polite second for the bridge to exit.
    const alive = transport ? await transport.shutdown(stopReason === 'cancelled' ? 150 : 1000) : [];
    await login?.done;
    const mcpOk = steps.find((s) => s.id === 'mcp.initialize')?.status === 'pass' && !steps.some((s) => s.id.startsWith('mcp.') && s.status === 'fail');
    if (login && login.records.length > 0) emit(loginStep(login.records, opts.browserCommand, stderr, mcpOk));
    else if (transport?.pid !== undefined) emit(loginStep([], opts.browserCommand, stderr));
    if (expired && stopReason?.startsWith('timeout')) emit(timeoutStep(expired, stuckAt, login?.records.length ?? 0));
    const spec = packageSpec(opts.entry);
    for (const finding of bridgeFindings({ stderr, loginText: login?.loginText() ?? '',
      ...(login?.records[0]?.redirectUri ? { redirectUri: login.records[0].redirectUri } : {}),
      ...(spec ? { packageSpec: spec } : {}) })) {
      if (!steps.some((s) => s.id === finding.id)) emit(finding);
    }
    if (pid !== undefined) emit(cleanupStep(pid, alive, transport?.exit, redactText(stderr.split('\n').slice(-15).join('\n'))));
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    return { version: 1, ...(stopReason === 'cancelled' ? { cancelled: true as const } : {}), steps, ...(tools ? { tools } : {}), durationMs: Date.now() - started };
  }
}

/** The npm package an `npx` (or `cmd /c npx`) entry runs, as `name@version`. */
export function packageSpec(entry: BridgeEntryInput): string | undefined {
  const d = describeEntry(entry);
  if (!d.packageName) return undefined;
  return d.packageVersion ? `${d.packageName}@${d.packageVersion}` : d.packageName;
}

/**
 * The doctor's `bridge.run` (run only with `doctor --bridge`: it opens a browser): the whole
 * bridge verification folded into one CheckResult, the first failing step's cause and fix on top
 * and every step in the evidence.
 */
export async function bridgeRunCheck(opts: BridgeRunOptions): Promise<CheckResult> {
  const report = await runBridgeVerify(opts);
  const worst = report.steps.find((s) => s.status === 'fail') ?? report.steps.find((s) => s.status === 'warn');
  const title = 'Claude Desktop\'s command connects through the bridge';
  const evidence = { durationMs: report.durationMs, tools: report.tools ?? [], steps: report.steps };
  if (!worst) return { id: 'bridge.run', status: 'pass', title, evidence, durationMs: report.durationMs };
  return { id: 'bridge.run', status: worst.status, title, evidence, durationMs: report.durationMs,
    cause: `${worst.id}: ${worst.cause ?? worst.title}`, ...(worst.fix ? { fix: worst.fix } : {}), ...(worst.fixAction ? { fixAction: worst.fixAction } : {}) };
}
