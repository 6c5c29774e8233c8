import fs from 'node:fs/promises';
import path from 'node:path';
import { printJson, stringOption, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { buildTarget, loadConfig } from '../../core/diagnostics/config-load.js';
import { nodeDeps } from '../../core/diagnostics/node-deps.js';
import { clearBridgeCache, planCacheReset } from '../../core/bridge-tools/cache-reset.js';

const help = `Usage: iam-mcp-helper bridge-cache clear [--config <path>] [--name iam] [--url <mcp-url>] [--dry-run] [--json]

Removes mcp-remote's cached tokens and client registration for this one server (the files named
after its URL hash in <MCP_REMOTE_CONFIG_DIR or ~/.mcp-auth>/mcp-remote-v1), so the bridge signs
in afresh; other servers' files stay. The URL (and the entry's MCP_REMOTE_CONFIG_DIR and
--resource) come from the config entry; --url overrides. Folders left by older mcp-remote
versions are listed, not removed.

  --dry-run   list what would be removed, remove nothing
  --json      {store, hash, files, removed, otherFiles, oldStores, dryRun}`;

export const command: Command = {
  name: 'bridge-cache', summary: 'Clear mcp-remote\'s cached sign-in for this server only', help, allowPositionals: true,
  options: { config: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run({ values, positionals, io }) {
    if (positionals[0] !== 'clear' || positionals.length > 1) throw new UsageError('bridge-cache: the subcommand is "clear" (see --help)');
    const deps = nodeDeps({ env: io.env, platform: io.platform, homedir: io.homedir });
    const configPath = stringOption(values, 'config');
    const name = stringOption(values, 'name') ?? 'iam';
    const url = stringOption(values, 'url');
    const load = configPath || !url ? await loadConfig(deps, name, configPath ? path.resolve(io.cwd, configPath) : undefined) : undefined;
    const target = buildTarget(load, { name, ...(url ? { url } : {}) }, io.platform);
    if (!target.mcpUrl) throw new UsageError(`no MCP URL: the config has no "${name}" entry with one (${load?.path ?? 'no config'}); pass --url`);
    const args = target.entry?.bridgeArgs ?? [];
    const resource = args.includes('--resource') ? args[args.indexOf('--resource') + 1] : undefined;
    const cacheFs = { readdir: (d: string) => fs.readdir(d), unlink: (f: string) => fs.unlink(f) };
    const plan = await planCacheReset(cacheFs, { url: target.mcpUrl, ...(resource ? { resource } : {}), entryEnv: target.entry?.env ?? {}, homedir: io.homedir, platform: io.platform });
    const dryRun = values['dry-run'] === true;
    const { removed } = dryRun ? { removed: [] as string[] } : await clearBridgeCache(cacheFs, plan);
    if (values.json === true) { printJson(io, { ...plan, removed, dryRun }); return 0; }
    const lines = [`mcp-remote cache for ${target.mcpUrl}: ${plan.store} (files ${plan.hash}_*)`];
    if (plan.files.length === 0) lines.push('  nothing cached for this server');
    for (const f of plan.files) lines.push(`  ${dryRun ? 'would remove' : 'removed'} ${f}`);
    lines.push(`  ${plan.otherFiles} file(s) of other servers left alone`);
    for (const o of plan.oldStores) lines.push(`Leftover of an older mcp-remote: ${o.dir} (${o.files} files${o.thisServer.length ? `, ${o.thisServer.length} for this server` : ''}); the pinned version does not read it, delete it by hand if you no longer run that version.`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
