import os from 'node:os';
import path from 'node:path';
import { EXIT_CANCELLED, intOption, loginTimeoutOption, printJson, stringOption, type CliIo, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { runDoctor, type DoctorInput } from '../../core/diagnostics/doctor.js';
import { nodeDeps } from '../../core/diagnostics/node-deps.js';
import { renderMarkdown, renderText, MARK } from '../../core/diagnostics/report.js';
import { phraseFix } from '../fix-phrases.js';
import { CHECK_IDS } from '../../core/diagnostics/checks/index.js';
import { nodeFs } from '../../core/config/fs-port.js';
import { checkOutputFile, writeOutputFile } from '../../core/paths/output-file.js';
import type { OpenBrowser } from '../../core/verify/browser.js';

/** The environment variable a token can come from, kept out of the process list (like verify's IAM_MCP_CLIENT_SECRET). */
export const TOKEN_ENV = 'IAM_MCP_TOKEN';

const help = `Usage: iam-mcp-helper doctor [--config <path>] [--name iam] [--url <mcp-url>] [--client-id <id>]
       [--scopes "<s1 s2>"] [--login [--browser-command <cmd> | --headless]] [--token - | --token <t>]
       [--use-bridge-cache] [--probe-write] [--offline] [--timeout <ms>] [--login-timeout <ms>]
       [--json] [--report <file.md>]

Finds why Claude Desktop cannot use the IAM MCP server: checks the config entry, the network,
discovery, the redirect URI, CORS, scopes, tokens, mcp-remote's cache and Claude's logs, and names
each cause with evidence and a fix. With only --config everything is read from the entry; flags
override it. Without a token (--login, --token, --use-bridge-cache) the token checks are skipped.

  --token -        read the access token from standard input (e.g. \`pbpaste | … --token -\`); or set the
                   environment variable ${TOKEN_ENV}. A token written on the command line (--token <t>)
                   is visible to every local user in the process list
  --probe-write    also try a write tool (deletes/updates a nonexistent probe object, else adds one named
                   iam-mcp-helper-doctor-probe) to see whether write scopes are granted
  --offline        skip every network check (config, cache and log checks still run)
  --timeout <ms>   limit on each network request (default 5000)
  --login-timeout <ms>  limit on the wait for the sign-in under --login or --bridge (default 120000)
  --json           one JSON document on stdout: {version:1, target, checks, summary, durationMs}
  --report <file>  also write a redacted Markdown report for a support ticket

Exit: 0 nothing failed, 1 a check failed, 2 bad usage, 130 cancelled (Ctrl-C; with --json the
document has "cancelled": true and the checks it cut short are skipped with reason "cancelled").
Checks: ${CHECK_IDS.join(', ')}`;

export const command: Command = {
  name: 'doctor',
  summary: 'Diagnose why the connection fails: every cause with evidence and a fix',
  help,
  options: {
    config: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, 'client-id': { type: 'string' },
    scopes: { type: 'string' }, login: { type: 'boolean' }, 'browser-command': { type: 'string' }, headless: { type: 'boolean' },
    token: { type: 'string' }, 'use-bridge-cache': { type: 'boolean' }, 'probe-write': { type: 'boolean' },
    offline: { type: 'boolean' }, timeout: { type: 'string' }, 'login-timeout': { type: 'string' }, report: { type: 'string' }, bridge: { type: 'boolean' },
  },
  async run({ values, io }) {
    const timeoutMs = intOption(values, 'timeout', 100, 120_000);
    const loginTimeoutMs = loginTimeoutOption(values);
    if (loginTimeoutMs !== undefined && !values.login && !values.bridge) throw new UsageError('--login-timeout goes with --login or --bridge');
    // An explicit --login wins over a token left in the environment.
    const token = await readToken(stringOption(values, 'token'), io, values.login === true);
    if (values['browser-command'] !== undefined && values.headless) throw new UsageError('--browser-command and --headless exclude each other');
    if (values.headless && !values.login) throw new UsageError('--headless goes with --login');
    if (values['browser-command'] !== undefined && !values.login && !values.bridge) throw new UsageError('--browser-command goes with --login or --bridge');
    if (values.login && token) throw new UsageError('--login and --token exclude each other');
    const configPath = stringOption(values, 'config');
    const input: DoctorInput = {
      ...(configPath ? { configPath: path.resolve(io.cwd, configPath) } : {}),
      ...(stringOption(values, 'name') ? { name: stringOption(values, 'name') } : {}),
      ...(stringOption(values, 'url') ? { url: stringOption(values, 'url') } : {}),
      ...(stringOption(values, 'client-id') ? { clientId: stringOption(values, 'client-id') } : {}),
      ...(values.scopes !== undefined ? { scopes: stringOption(values, 'scopes') ?? '' } : {}),
      ...(token ? { token: { accessToken: token, origin: 'flag' as const } } : {}),
      useBridgeCache: values['use-bridge-cache'] === true,
      offline: values.offline === true, probeWrite: values['probe-write'] === true,
      ...(timeoutMs ? { timeoutMs } : {}),
    };
    if (input.url) {
      try { new URL(input.url); } catch { throw new UsageError(`--url "${input.url}" is not a URL`); }
    }
    const reportArg = stringOption(values, 'report');
    const reportFile = reportArg === undefined ? undefined : path.resolve(io.cwd, reportArg);
    // Before any check runs: a report that cannot be written must not cost the user the whole run.
    if (reportFile) await checkOutputFile(nodeFs, io.platform, reportFile, 'report');
    const deps = nodeDeps({ env: io.env, platform: io.platform, homedir: io.homedir });
    if (values.login) {
      const [{ loginWithVerifier }, { commandBrowser, headlessBrowser, systemBrowser }] = await Promise.all([
        import('../../core/diagnostics/login.js'), import('../../core/verify/browser.js')]);
      const browserCommand = stringOption(values, 'browser-command');
      const system = systemBrowser();
      const openBrowser: OpenBrowser = values.headless ? headlessBrowser(deps.fetch, timeoutMs)
        : browserCommand ? commandBrowser(browserCommand, { env: io.env, platform: io.platform, ...(loginTimeoutMs ? { timeoutMs: loginTimeoutMs } : {}) })
          : async (url, signal) => { io.stderr(`Opening the browser for sign-in. If it does not open, visit:\n  ${url}\n`); await system(url, signal); };
      input.login = (target) => loginWithVerifier(target, { fetch: deps.fetch, now: deps.now, openBrowser, signal: io.signal }, timeoutMs, loginTimeoutMs);
    }
    if (values.bridge) {
      // bridge.run: Claude Desktop's own command, run as Claude runs it; opens a browser.
      const { bridgeRunCheckDef } = await import('../../core/mcp/bridge-doctor.js');
      const browserCommand = stringOption(values, 'browser-command');
      input.extraChecks = [bridgeRunCheckDef({ cwd: io.cwd, tmpdir: os.tmpdir(), useBridgeCache: values['use-bridge-cache'] === true,
        ...(browserCommand ? { browserCommand } : {}), ...(loginTimeoutMs ? { loginTimeoutMs } : {}) })];
    }
    const json = values.json === true;
    // Each check is printed once, in the report. In a terminal, one status line drawn in place
    // shows the run's progress and is erased before the report; elsewhere there is no progress.
    const live = !json && io.stderrIsTTY === true;
    let done = 0;
    const report = await runDoctor(input, deps, {
      signal: io.signal,
      onProgress: live ? (e) => {
        if (e.phase !== 'end' || !e.result) return;
        done++;
        io.stderr(`\r\x1b[2K  ${done} checks done, last ${MARK[e.result.status]} ${e.id}`);
      } : undefined,
    });
    if (live) io.stderr('\r\x1b[2K');
    const secrets = token ? [token] : [];
    if (reportFile) await writeOutputFile(nodeFs, io.platform, reportFile, renderMarkdown(report, secrets));
    // Every check result is already scrubbed of the token by runChecks (runner.ts scrub); the target holds none.
    if (json) printJson(io, report);
    else io.stdout(`${renderText(report, secrets, phraseFix)}${report.cancelled ? 'Cancelled: the checks above are what finished before the interrupt.\n' : ''}`);
    return report.cancelled ? EXIT_CANCELLED : report.summary.fail > 0 ? 1 : 0;
  },
};

/**
 * The access token: `--token -` reads it from standard input (first line), `--token <t>` takes it
 * as given (with a warning: argv is world-readable through ps), else the TOKEN_ENV variable.
 */
async function readToken(flag: string | undefined, io: CliIo, login: boolean): Promise<string | undefined> {
  if (flag === '-') {
    if (!io.readStdin) throw new UsageError('--token - reads the token from standard input, but there is none here');
    const token = (await io.readStdin()).split(/\r?\n/).map((l) => l.trim()).find(Boolean);
    if (!token) throw new UsageError('--token - read no token from standard input: pipe the access token in, e.g. `printf %s "$TOKEN" | iam-mcp-helper doctor --token -`');
    return token;
  }
  if (flag !== undefined) {
    io.stderr(`iam-mcp-helper: note: a token on the command line is visible to other users of this computer; prefer ${TOKEN_ENV}=… or --token - (standard input).\n`);
    return flag;
  }
  return login ? undefined : io.env[TOKEN_ENV]?.trim() || undefined;
}
