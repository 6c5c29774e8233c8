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
 *   --timeout <ms>           hard limit on the whole run (default 120000; same flag and unit as
 *                            verify's per-request --timeout, here it bounds the whole run)
 *   --json                   one JSON document {version:1, steps, tools?, durationMs}
 * The bridge runs with cwd = the current directory (npx finds a locally installed mcp-remote there).
 * Exit 0 when no step failed, 1 otherwise, 2 on bad usage.
 */
import os from 'node:os';
import { EXIT_CANCELLED, intOption, printJson, stringOption, type CliIo, type OptionSpec, type ParsedValues } from '../command.js';
import { nodeFs } from '../../core/config/fs-port.js';
import { loadBridgeEntry } from '../../core/mcp/bridge-entry.js';
import { runBridgeVerify } from '../../core/mcp/bridge-run.js';
import path from 'node:path';
import { renderStep } from '../../core/verify/render.js';

export const viaBridgeOptions: OptionSpec = {
  'via-bridge': { type: 'boolean' },
  config: { type: 'string' },
  name: { type: 'string' },
  'browser-command': { type: 'string' },
  'use-bridge-cache': { type: 'boolean' },
  owner: { type: 'string' },
  timeout: { type: 'string' },
};

export async function runVerifyViaBridge(values: ParsedValues, io: CliIo): Promise<number> {
  const timeoutMs = intOption(values, 'timeout', 1000, 3_600_000) ?? 120_000;
  const json = values.json === true;
  const loaded = await loadBridgeEntry({
    ...(stringOption(values, 'config') ? { configPath: path.resolve(io.cwd, stringOption(values, 'config')!) } : {}),
    name: stringOption(values, 'name') ?? 'iam', platform: io.platform, env: io.env, homedir: io.env.HOME || io.homedir, fs: nodeFs,
  });
  const browserCommand = stringOption(values, 'browser-command');
  if (!json) io.stdout(`Running "${loaded.name}" from ${loaded.configPath} as Claude Desktop does (limit ${timeoutMs / 1000} s)\n`);
  const report = await runBridgeVerify({
    entry: loaded.entry, platform: io.platform, env: io.env, cwd: io.cwd, homedir: io.env.HOME || io.homedir, tmpdir: os.tmpdir(),
    ...(browserCommand ? { browserCommand } : {}), useBridgeCache: values['use-bridge-cache'] === true,
    owner: stringOption(values, 'owner') ?? 'built-in', timeoutMs, signal: io.signal,
    // As `verify`: progress on stdout, or one line per step on stderr under --json.
    onProgress: (event) => {
      const step = event.result;
      if (event.phase === 'end' && step) {
        if (json) io.stderr(`${step.status === 'fail' ? '✖' : step.status === 'pass' ? '✔' : '-'} ${step.id}\n`);
        else io.stdout(`${renderStep(step)}\n`);
      } else if (event.id === 'bridge.login' && !browserCommand) {
        const url = /https?:\/\/\S+$/.exec(event.title)?.[0];
        io.stderr(`Sign in in the browser the bridge opened (as Claude Desktop's bridge does).${url ? ` If none opened, visit:\n  ${url}` : ''}\n`);
      }
    },
  });
  const failed = report.steps.some((s) => s.status === 'fail');
  const seconds = `${(report.durationMs / 1000).toFixed(1)} s`;
  if (json) printJson(io, report);
  else io.stdout(report.cancelled ? `Cancelled (${seconds}): the bridge was stopped; the steps above are what finished before the interrupt.\n`
    : `${failed ? 'Bridge verification failed' : 'Claude Desktop\'s entry works through the bridge'} (${seconds})\n`);
  return report.cancelled ? EXIT_CANCELLED : failed ? 1 : 0;
}
