import os from 'node:os';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_CANCELLED, intOption, loginTimeoutOption, printJson, stringOption, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { runDoctor, type DoctorInput } from '../../core/diagnostics/doctor.js';
import { nodeDeps } from '../../core/diagnostics/node-deps.js';
import { renderMarkdown, renderText, MARK } from '../../core/diagnostics/report.js';
import { CHECK_IDS } from '../../core/diagnostics/checks/index.js';
import type { OpenBrowser } from '../../core/verify/browser.js';

const help = `Usage: iam-mcp-helper doctor [--config <path>] [--name iam] [--url <mcp-url>] [--client-id <id>]
       [--scopes "<s1 s2>"] [--login [--browser-command <cmd> | --headless]] [--token <t>]
       [--use-bridge-cache] [--probe-write] [--offline] [--timeout <ms>] [--login-timeout <ms>]
       [--json] [--report <file.md>]

Finds why Claude Desktop cannot use the IAM MCP server: checks the config entry, the network,
discovery, the redirect URI, CORS, scopes, tokens, mcp-remote's cache and Claude's logs, and names
each cause with evidence and a fix. With only --config everything is read from the entry; flags
override it. Without a token (--login, --token, --use-bridge-cache) the token checks are skipped.

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
    const token = stringOption(values, 'token');
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
      // bridge.run (issue 6): Claude Desktop's own command, run as Claude runs it; opens a browser.
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
    const reportFile = stringOption(values, 'report');
    if (reportFile) await writeFile(path.resolve(io.cwd, reportFile), renderMarkdown(report, secrets), 'utf8');
    // Every check result is already scrubbed of the token by runChecks (runner.ts scrub); the target holds none.
    if (json) printJson(io, report);
    else io.stdout(`${renderText(report, secrets)}${report.cancelled ? 'Cancelled: the checks above are what finished before the interrupt.\n' : ''}`);
    return report.cancelled ? EXIT_CANCELLED : report.summary.fail > 0 ? 1 : 0;
  },
};
