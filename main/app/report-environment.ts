/**
 * The environment a support person needs next to the findings (the exported report): the OS,
 * whether Claude Desktop runs, the Node that Claude's PATH runs, the bridge's version, and the
 * entry itself with every secret masked (core/http/redact.ts). Read when the report is exported.
 */
import os from 'node:os';
import { readIfExists } from '../core/config/atomic-write.js';
import { describeEntry } from '../core/config/entry-describe.js';
import { decodeConfig, parseConfigText } from '../core/config/parse.js';
import { MCP_REMOTE_VERSION } from '../core/mcp-remote-facts.js';
import { redactValue } from '../core/http/redact.js';
import type { AppContext } from './app-context.js';
import { claudeStatus } from './claude-status.js';
import type { Run } from './runs.js';

export interface ReportEnvironment {
  os: string;
  claudeDesktop: string;
  nodeOnClaudePath: string;
  bridge: string;
  configPath?: string;
  /** The entry as written in the config, secrets masked. */
  entry?: unknown;
}

const PLATFORM_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

function osLine(ctx: AppContext): string {
  const name = PLATFORM_NAMES[ctx.platform] ?? ctx.platform;
  // The release and architecture are this machine's; a context modelling another platform has none.
  return ctx.platform === process.platform ? `${name} ${os.release()} (${process.arch})` : name;
}

function claudeLine(s: Awaited<ReturnType<typeof claudeStatus>>): string {
  if (s.running === null) return 'unknown (the process list could not be read)';
  if (!s.running) return 'not running';
  return `running${s.startedAt ? ` since ${s.startedAt}` : ''}${s.restartNeeded ? ', started before the config last changed (not yet reloaded)' : ''}`;
}

async function readEntry(ctx: AppContext, configPath: string, name: string): Promise<unknown> {
  try {
    const bytes = await readIfExists(ctx.fs, configPath);
    return bytes ? parseConfigText(decodeConfig(bytes, configPath), configPath).mcpServers?.[name] : undefined;
  } catch { return undefined; }
}

export async function reportEnvironment(ctx: AppContext, run: Run): Promise<ReportEnvironment> {
  const target = (run.report as { target?: { name?: string; configPath?: string } } | undefined)?.target;
  const nodeCheck = run.info.steps.find((s) => s.id === 'bridge.node-version')?.evidence;
  const node = typeof nodeCheck?.nodeVersion === 'string' ? `${nodeCheck.nodeVersion} (${String(nodeCheck.node ?? 'node')})` : 'not checked in this run';
  const entry = target?.configPath && target.name ? await readEntry(ctx, target.configPath, target.name) : undefined;
  const described = entry ? describeEntry(entry, ctx.platform) : undefined;
  const bridge = described?.packageName
    ? `${described.packageName}@${described.packageVersion ?? 'latest'} (the helper writes mcp-remote@${MCP_REMOTE_VERSION})`
    : entry ? `no bridge package in the entry (${described?.command ?? 'no command'})` : 'no config entry in this run';
  return {
    os: osLine(ctx), claudeDesktop: claudeLine(await claudeStatus(ctx)), nodeOnClaudePath: node, bridge,
    ...(target?.configPath ? { configPath: target.configPath } : {}),
    ...(entry !== undefined ? { entry: redactValue(entry) } : {}),
  };
}

/** The environment as a Markdown section. */
export function environmentMarkdown(env: ReportEnvironment): string {
  const lines = ['## Environment', '', `- OS: ${env.os}`, `- Claude Desktop: ${env.claudeDesktop}`, `- Node on Claude's PATH: ${env.nodeOnClaudePath}`, `- Bridge: ${env.bridge}`];
  if (env.configPath) lines.push(`- Config file: ${env.configPath}`);
  if (env.entry !== undefined) lines.push('', 'The entry (secrets masked):', '', '```json', JSON.stringify(env.entry, null, 2), '```');
  return `${lines.join('\n')}\n`;
}
