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
 *   --timeout <seconds>      hard limit on the whole run (default 120)
 *   --json                   one JSON document {version:1, steps, tools?, durationMs}
 * The bridge runs with cwd = the current directory (npx finds a locally installed mcp-remote there).
 * Exit 0 when no step failed, 1 otherwise, 2 on bad usage.
 */
import { intOption, printJson, stringOption, type CliIo, type OptionSpec, type ParsedValues } from '../command.js';
import { nodeFs } from '../../core/config/fs-port.js';
import { loadBridgeEntry } from '../../core/mcp/bridge-entry.js';
import { runBridgeVerify } from '../../core/mcp/bridge-run.js';
import type { CheckResult } from '../../shared/check.js';

export const viaBridgeOptions: OptionSpec = {
  'via-bridge': { type: 'boolean' },
  config: { type: 'string' },
  name: { type: 'string' },
  'browser-command': { type: 'string' },
  'use-bridge-cache': { type: 'boolean' },
  owner: { type: 'string' },
  timeout: { type: 'string' },
};

const MARK: Record<CheckResult['status'], string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

function stepLine(step: CheckResult): string {
  const lines = [`${MARK[step.status]} ${step.id}  ${step.title}${step.durationMs !== undefined ? ` (${step.durationMs} ms)` : ''}`];
  if (step.cause && step.status !== 'pass') lines.push(`     ${step.cause}`);
  if (step.fix && step.status !== 'pass') lines.push(`     fix: ${step.fix}`);
  return `${lines.join('\n')}\n`;
}

export async function runVerifyViaBridge(values: ParsedValues, io: CliIo): Promise<number> {
  const timeoutSec = intOption(values, 'timeout', 5, 3600) ?? 120;
  const json = values.json === true;
  const loaded = await loadBridgeEntry({
    ...(stringOption(values, 'config') ? { configPath: stringOption(values, 'config')! } : {}),
    name: stringOption(values, 'name') ?? 'iam', platform: io.platform, env: io.env, homedir: io.env.HOME || io.homedir, fs: nodeFs,
  });
  const browserCommand = stringOption(values, 'browser-command');
  if (!json) io.stdout(`Running "${loaded.name}" from ${loaded.configPath} as Claude Desktop does (limit ${timeoutSec} s)\n`);
  const report = await runBridgeVerify({
    entry: loaded.entry, platform: io.platform, env: io.env, cwd: io.cwd,
    ...(browserCommand ? { browserCommand } : {}), useBridgeCache: values['use-bridge-cache'] === true,
    owner: stringOption(values, 'owner') ?? 'built-in', timeoutMs: timeoutSec * 1000, signal: io.signal,
    onProgress: (event) => {
      if (json) return;
      if (event.phase === 'end' && event.result) io.stdout(stepLine(event.result));
      else if (event.id === 'bridge.login' && !browserCommand) io.stdout('     waiting for you to sign in in the browser the bridge opened…\n');
    },
  });
  const failed = report.steps.some((s) => s.status === 'fail');
  if (json) printJson(io, report);
  else io.stdout(`${failed ? 'Bridge verification failed' : 'Claude Desktop\'s entry works through the bridge'} (${(report.durationMs / 1000).toFixed(1)} s)\n`);
  return failed ? 1 : 0;
}
