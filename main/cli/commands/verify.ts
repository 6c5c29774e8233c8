/**
 * `iam-mcp-helper verify`: runs the whole OAuth + MCP flow against a server and shows each step
 * (README, "CLI: verify"). Exit 0 when no step failed, 1 when any did, 2 on bad usage.
 * With `--via-bridge` it runs the configured entry's command as Claude Desktop does instead
 * (verify-via-bridge.ts), with the same step/JSON shape.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http/exchange.js';
import { fetchTrustingCa } from '../../core/verify/ca-fetch.js';
import { commandBrowser, headlessBrowser, systemBrowser, type OpenBrowser } from '../../core/verify/browser.js';
import { renderStep } from '../../core/verify/render.js';
import { phraseFix } from '../fix-phrases.js';
import { writeRunReport } from '../report-file.js';
import { runVerify, verifyPassed } from '../../core/verify/run-verify.js';
import type { VerifyOptions } from '../../core/verify/types.js';
import { EXIT_CANCELLED, intOption, loginTimeoutOption, printJson, stringOption, type CliIo, type Command, type ParsedValues } from '../command.js';
import { waitNotice } from '../wait-notice.js';
import { nodeFs } from '../../core/config/fs-port.js';
import { loadBridgeEntry } from '../../core/mcp/bridge-entry.js';
import { verifyOptionsFromEntry } from '../../core/verify/entry-options.js';
import { runVerifyViaBridge, viaBridgeOptions } from './verify-via-bridge.js';

const help = `Usage: iam-mcp-helper verify --url <mcp-url> [options]
       iam-mcp-helper verify --config <path> [--name iam] [options]

Performs the OAuth 2.1 flow an MCP client must (discovery, PKCE S256 authorization through a
loopback redirect, token exchange, refresh) and then talks MCP with the token, showing each step.

Options:
  --url <url>               the MCP server URL (required without --config)
  --config <path>           verify the Claude Desktop entry as written: its URL, client id,
                            scopes and callback port/path (flags given as well override them)
  --name <name>             the mcpServers entry with --config (default: iam)
  --client-id <id>          the application's Client ID (else dynamic registration, if offered)
  --client-secret <secret>  for a confidential application (or env IAM_MCP_CLIENT_SECRET)
  --client-metadata-url <u> a Client ID Metadata Document URL, used when the server supports it
  --scopes "<a b c>"        scopes to request (default: the server's challenge, else scopes_supported)
  --callback-port <n>       loopback callback port (default: the port 'setup' writes for this
                            URL, so the redirect URI is the bridge's; any free one if taken)
  --callback-path </p>      callback path (default /callback, as the written mcp-remote entry)
  --browser-command <cmd>   run <cmd> '<url>' instead of opening the system browser
  --headless                follow the authorization redirects without a browser
  --no-resource             omit the RFC 8707 resource parameter
  --call <tool> --args <json>  the tool to call (default: get_applications on Hanzo/Casdoor servers)
  --keep                    do not revoke the tokens at the end
  --timeout <ms>            limit on each network request (default 10000)
  --login-timeout <ms>      limit on the wait for the sign-in (default 120000; old name
                            --callback-timeout still works)
  --ca <file>               trust this extra CA (PEM) for HTTPS
  --json                    print {version, steps, token?, tools?, durationMs} as JSON
  --report <file>           also write a redacted report there (Markdown, or JSON for *.json)

Usage: iam-mcp-helper verify --via-bridge [--config <path>] [--name iam] [options]

Runs the configured entry's command (npx -y mcp-remote ...) exactly as Claude Desktop does, over
stdio with the PATH a GUI app gets, signs in through it and lists and calls the tools.

Options:
  --config <path>           Claude Desktop config (default: the one \`locate\` picks)
  --name <name>             the mcpServers entry (default: iam)
  --browser-command <cmd>   gets the authorization URL the bridge opens (default: your browser)
  --use-bridge-cache        use mcp-remote's real token cache (default: a fresh empty one)
  --owner <org>             organization for get_applications (default: built-in)
  --timeout <ms>            limit on each MCP request through the bridge (default 10000; the
                            first also gets 60 s for the bridge to start: npx may install it)
  --login-timeout <ms>      limit on the wait for the sign-in the bridge asks for (default 120000)
  --json                    print {version, steps, tools?, durationMs} as JSON
  --report <file>           also write a redacted report there (Markdown, or JSON for *.json)

Exit: 0 every step passed, 1 a step failed (a time limit included), 2 bad usage, 130 cancelled
(Ctrl-C; with --json the document has "cancelled": true).
`;

function parseScopes(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(/[\s,]+/).filter(Boolean);
}

export function optionsFrom(values: ParsedValues, env: NodeJS.ProcessEnv, cwd: string, fromEntry?: Partial<VerifyOptions> & Pick<VerifyOptions, 'url'>): { options: VerifyOptions; browserCommand?: string; headless: boolean; ca?: string } {
  const url = fromEntry ? stringOption(values, 'url') ?? fromEntry.url : stringOption(values, 'url', true);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  }
  const browserCommand = stringOption(values, 'browser-command');
  const headless = values.headless === true;
  if (browserCommand && headless) throw new UsageError('--browser-command and --headless exclude each other');
  const call = stringOption(values, 'call');
  const argsRaw = stringOption(values, 'args');
  if (argsRaw && !call) throw new UsageError('--args needs --call <tool>');
  let args: Record<string, unknown> = {};
  if (argsRaw) {
    try {
      args = JSON.parse(argsRaw) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`--args is not JSON: ${(error as Error).message}`);
    }
    if (!args || typeof args !== 'object' || Array.isArray(args)) throw new UsageError('--args must be a JSON object');
  }
  const callbackPath = stringOption(values, 'callback-path');
  if (callbackPath && !callbackPath.startsWith('/')) throw new UsageError('--callback-path must start with "/"');
  const caFile = stringOption(values, 'ca');
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(path.resolve(cwd, caFile), 'utf8');
    } catch (error) {
      throw new UsageError(`--ca: cannot read ${caFile}: ${(error as Error).message}`);
    }
  }
  // Flags given next to --config override the entry's values.
  const options: VerifyOptions = { ...fromEntry, url };
  const set = <K extends keyof VerifyOptions>(key: K, value: VerifyOptions[K] | undefined) => { if (value !== undefined) options[key] = value; };
  set('clientId', stringOption(values, 'client-id'));
  set('clientSecret', stringOption(values, 'client-secret') ?? (env.IAM_MCP_CLIENT_SECRET || undefined));
  set('clientMetadataUrl', stringOption(values, 'client-metadata-url'));
  set('scopes', parseScopes(stringOption(values, 'scopes')));
  set('callbackPort', intOption(values, 'callback-port', 0, 65535));
  set('callbackPath', callbackPath);
  set('timeoutMs', intOption(values, 'timeout', 100, 600_000));
  set('callbackTimeoutMs', loginTimeoutOption(values));
  if (values['no-resource'] === true) options.resource = false;
  if (values.keep === true) options.keep = true;
  if (call) options.call = { tool: call, args };
  return { options, headless, ...(browserCommand ? { browserCommand } : {}), ...(ca ? { ca } : {}) };
}

/** `--config <path> [--name iam]`: the entry as written (url, client id, scopes, callback), as the doctor reads it. */
async function entryOptions(values: ParsedValues, io: CliIo): Promise<Partial<VerifyOptions> & Pick<VerifyOptions, 'url'>> {
  const loaded = await loadBridgeEntry({
    configPath: path.resolve(io.cwd, stringOption(values, 'config')!), name: stringOption(values, 'name') ?? 'iam',
    platform: io.platform, env: io.env, homedir: io.env.HOME || io.homedir, fs: nodeFs,
  });
  const fromEntry = verifyOptionsFromEntry(loaded.description);
  if (!fromEntry) throw new UsageError(`mcpServers.${loaded.name} in ${loaded.configPath} names no MCP URL: pass --url`);
  const o = fromEntry.options;
  io.stderr(`Verifying "${loaded.name}" from ${loaded.configPath} as written: ${o.url}, client ${o.clientId ?? '(none)'}, scopes "${o.scopes?.join(' ') ?? ''}"`
    + `${o.callbackPort ? `, callback ${o.callbackHost ?? '127.0.0.1'}:${o.callbackPort}${o.callbackPath ?? ''}` : ''}\n`);
  for (const note of fromEntry.notes) io.stderr(`Note: ${note}\n`);
  return o;
}

const command: Command = {
  name: 'verify',
  summary: 'Run the OAuth + MCP flow against a server and show every step',
  help,
  options: {
    url: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'client-metadata-url': { type: 'string' },
    scopes: { type: 'string' },
    'callback-port': { type: 'string' },
    'callback-path': { type: 'string' },
    'browser-command': { type: 'string' },
    headless: { type: 'boolean' },
    'no-resource': { type: 'boolean' },
    call: { type: 'string' },
    args: { type: 'string' },
    keep: { type: 'boolean' },
    timeout: { type: 'string' },
    'login-timeout': { type: 'string' },
    'callback-timeout': { type: 'string' },
    ca: { type: 'string' },
    report: { type: 'string' },
    ...viaBridgeOptions,
  },
  async run({ values, io }) {
    if (values['via-bridge'] === true) return runVerifyViaBridge(values, io);
    const entry = stringOption(values, 'config') !== undefined ? await entryOptions(values, io) : undefined;
    const { options, browserCommand, headless, ca } = optionsFrom(values, io.env, io.cwd, entry);
    const fetchFn: FetchLike = ca ? fetchTrustingCa(ca) : (input, init) => fetch(input, init);
    const json = values.json === true;
    const system = systemBrowser();
    const openBrowser: OpenBrowser = headless ? headlessBrowser(fetchFn, options.timeoutMs)
      : browserCommand ? commandBrowser(browserCommand, { env: io.env, platform: io.platform, ...(options.callbackTimeoutMs ? { timeoutMs: options.callbackTimeoutMs } : {}) })
        : async (url, signal) => {
          io.stderr(`Opening the browser for sign-in. If it does not open, visit:\n  ${url}\n`);
          await system(url, signal);
        };
    const wait = waitNotice(io.stderr);
    const result = await runVerify(options, {
      fetch: fetchFn,
      now: Date.now,
      openBrowser,
      signal: io.signal,
      onProgress: (event) => {
        wait.onEvent(event, 'Waiting for the sign-in');
        if (event.phase === 'end' && event.result) {
          if (json) io.stderr(`${event.result.status === 'fail' ? '✖' : event.result.status === 'pass' ? '✔' : '-'} ${event.id}\n`);
          else io.stdout(`${renderStep(event.result, phraseFix)}\n`);
        }
      },
    });
    wait.stop();
    const report = stringOption(values, 'report');
    if (report) {
      await writeRunReport(io, report, 'verify', result, { url: options.url, ...(options.clientId ? { clientId: options.clientId } : {}),
        ...(options.scopes ? { scopes: options.scopes } : {}), ...(entry ? { configPath: stringOption(values, 'config'), entryName: stringOption(values, 'name') ?? 'iam' } : {}) });
    }
    if (json) printJson(io, result);
    else {
      const failed = result.steps.filter((s) => s.status === 'fail').length;
      io.stdout(result.cancelled ? `\nCancelled (${result.durationMs} ms): the steps above are what finished before the interrupt.\n`
        : failed ? `\n${failed} step(s) failed (${result.durationMs} ms).\n` : `\nAll steps passed (${result.durationMs} ms).\n`);
    }
    return result.cancelled ? EXIT_CANCELLED : verifyPassed(result) ? 0 : 1;
  },
};

export default command;
