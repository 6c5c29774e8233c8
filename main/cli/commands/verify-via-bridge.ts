/**
 * `iam-mcp-helper verify --via-bridge`: runs the Claude Desktop entry itself (the real bridge,
 * spawned as Claude spawns it) instead of the helper's own OAuth client. The `verify` command
 * parses the flags and calls `runVerifyViaBridge` when `--via-bridge` is given.
 *
 * Flags it reads (merge `viaBridgeOptions` into verify's options):
 *   --config <path>          Claude Desktop config (default: the one `locate` picks)
 *   --name <name>            mcpServers entry (default: iam)
 *   --browser-command <cmd>  shell command that gets the authorization URL as its last argument
 *                            (default: the bridge opens your browser)
 *   --use-bridge-cache       use mcp-remote's real token cache (default: a fresh empty one)
 *   --owner <org>            owner for get_applications (default: built-in)
 *   --timeout <ms>           limit on each MCP request through the bridge (default 10000), as
 *                            verify's --timeout bounds each request; the first also gets time for
 *                            the bridge to start (bridge-limits.ts)
 *   --login-timeout <ms>     limit on the wait for the sign-in the bridge asks for (default 120000)
 *   --json                   one JSON document {version:1, steps, tools?, durationMs}
 * The bridge runs with cwd = the current directory (npx finds a locally installed mcp-remote there).
 * Exit 0 when no step failed, 1 otherwise, 2 on bad usage.
 */
import os from 'node:os';
import { EXIT_CANCELLED, intOption, loginTimeoutOption, printJson, stringOption, type CliIo, type OptionSpec, type ParsedValues } from '../command.js';
import { DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS, DEFAULT_LOGIN_TIMEOUT_MS } from '../../core/mcp/bridge-limits.js';
import { waitNotice } from '../wait-notice.js';
import { nodeFs } from '../../core/config/fs-port.js';
import { loadBridgeEntry } from '../../core/mcp/bridge-entry.js';
import { runBridgeVerify } from '../../core/mcp/bridge-run.js';
import path from 'node:path';
import { renderStep } from '../../core/verify/render.js';
import { phraseFix } from '../fix-phrases.js';
import { writeRunReport } from '../report-file.js';

export const viaBridgeOptions: OptionSpec = {
  'via-bridge': { type: 'boolean' },
  config: { type: 'string' },
  name: { type: 'string' },
  'browser-command': { type: 'string' },
  'use-bridge-cache': { type: 'boolean' },
  owner: { type: 'string' },
  timeout: { type: 'string' },
  'login-timeout': { type: 'string' },
};

export async function runVerifyViaBridge(values: ParsedValues, io: CliIo): Promise<number> {
  const requestTimeoutMs = intOption(values, 'timeout', 100, 600_000) ?? DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS;
  const loginTimeoutMs = loginTimeoutOption(values) ?? DEFAULT_LOGIN_TIMEOUT_MS;
  const json = values.json === true;
  const loaded = await loadBridgeEntry({
    ...(stringOption(values, 'config') ? { configPath: path.resolve(io.cwd, stringOption(values, 'config')!) } : {}),
    name: stringOption(values, 'name') ?? 'iam', platform: io.platform, env: io.env, homedir: io.env.HOME || io.homedir, fs: nodeFs,
  });
  const browserCommand = stringOption(values, 'browser-command');
  if (!json) io.stdout(`Running "${loaded.name}" from ${loaded.configPath} as Claude Desktop does (each request up to ${requestTimeoutMs / 1000} s, the sign-in up to ${loginTimeoutMs / 1000} s)\n`);
  const wait = waitNotice(io.stderr);
  const report = await runBridgeVerify({
    entry: loaded.entry, platform: io.platform, env: io.env, cwd: io.cwd, homedir: io.env.HOME || io.homedir, tmpdir: os.tmpdir(),
    ...(browserCommand ? { browserCommand } : {}), useBridgeCache: values['use-bridge-cache'] === true,
    owner: stringOption(values, 'owner') ?? 'built-in', requestTimeoutMs, loginTimeoutMs, signal: io.signal,
    // As `verify`: progress on stdout, or one line per step on stderr under --json; a sign-in wait
    // says what it waits for and the time left.
    onProgress: (event) => {
      const step = event.result;
      if (event.phase === 'start' && event.id === 'bridge.login' && !browserCommand) {
        const url = event.detail?.authorizationUrl;
        io.stderr(`Sign in in the browser the bridge opened (as Claude Desktop's bridge does).${url ? ` If none opened, visit:\n  ${url}` : ''}\n`);
      }
      wait.onEvent(event, browserCommand ? 'Waiting for the browser command to complete the bridge\'s sign-in' : 'Waiting for the sign-in through the bridge');
      if (event.phase === 'end' && step) {
        if (json) io.stderr(`${step.status === 'fail' ? '✖' : step.status === 'pass' ? '✔' : '-'} ${step.id}\n`);
        else io.stdout(`${renderStep(step, phraseFix)}\n`);
      }
    },
  });
  wait.stop();
  const failed = report.steps.some((s) => s.status === 'fail');
  const reportFile = stringOption(values, 'report');
  if (reportFile) {
    const d = loaded.description;
    await writeRunReport(io, reportFile, 'bridge', report, { configPath: loaded.configPath, entryName: loaded.name, ...(d.url ? { url: d.url } : {}),
      ...(d.clientId ? { clientId: d.clientId } : {}), ...(d.scopes ? { scopes: d.scopes.split(' ').filter(Boolean) } : {}) });
  }
  const seconds = `${(report.durationMs / 1000).toFixed(1)} s`;
  if (json) printJson(io, report);
  else io.stdout(report.cancelled ? `Cancelled (${seconds}): the bridge was stopped; the steps above are what finished before the interrupt.\n`
    : `${failed ? 'Bridge verification failed' : 'Claude Desktop\'s entry works through the bridge'} (${seconds})\n`);
  return report.cancelled ? EXIT_CANCELLED : failed ? 1 : 0;
}
