import { intOption, printJson, stringOption, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { usageOnBadEntry } from '../entry-errors.js';
import { buildIamEntry, DEFAULT_SCOPES } from '../../core/config/entry-builder.js';
import { isStandardConfigPath, resolveConfigPaths } from '../../core/config/locate.js';
import { writeServerEntry } from '../../core/config/write-entry.js';
import { bridgeFilesDir } from '../../core/paths/app-data.js';
import { configContext } from './config-context.js';

const command: Command = {
  name: 'setup',
  summary: 'Write the working mcp-remote entry for Hanzo IAM into Claude Desktop\'s config',
  help: `Usage: iam-mcp-helper setup --url <mcp-url> --client-id <id> [options]

Options:
  --url <url>            The IAM MCP endpoint, e.g. https://iam.example.com/api/mcp
  --client-id <id>       The IAM application's client ID
  --scopes "<list>"      Space-separated (default "${DEFAULT_SCOPES}")
  --name <name>          Entry name under mcpServers (default "iam")
  --config <path>        Config file to edit (default: the one \`locate\` picks)
  --callback-port <n>    Fixed OAuth callback port (default: stable per URL, 20000-29999)
  --npx-path <path>      Absolute path to npx when Claude Desktop's PATH lacks it
  --allow-http           Permit http:// for a non-loopback host
  --replace-invalid      Back up an unparseable config and start a new one (the servers it
                         drops are named first; confirm them with --confirm-drop)
  --confirm-drop <names> Comma-separated servers --replace-invalid may drop
  --repair               Repair an unparseable config whose only faults are trailing commas or
                         comments: those are removed (after a backup), every server is kept
  --dry-run              Print the diff, write nothing
  --json                 Machine-readable result

A config starting with a byte order mark (BOM), which Claude Desktop cannot read, is repaired:
the BOM is removed (after a backup) and everything else kept. A write-protected config, a
--config path in a folder that does not exist, or a dangling symbolic link is refused.

Prints the diff, the backup taken, and the redirect URI to register on the IAM application;
after a write, restart Claude Desktop so it loads the entry.`,
  options: {
    url: { type: 'string' }, 'client-id': { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' },
    config: { type: 'string' }, 'callback-port': { type: 'string' }, 'allow-http': { type: 'boolean' }, 'npx-path': { type: 'string' },
    'replace-invalid': { type: 'boolean' }, 'confirm-drop': { type: 'string' }, 'dry-run': { type: 'boolean' }, repair: { type: 'boolean' },
  },
  async run({ values, io }) {
    for (const flag of ['scopes', 'name', 'config', 'npx-path']) {
      // An explicitly empty value would otherwise fall back to the default without a word.
      if (values[flag] === '') throw new UsageError(`--${flag} is empty`);
    }
    const url = stringOption(values, 'url', true);
    if (values['client-id'] === undefined) throw new UsageError('missing --client-id');
    const clientId = typeof values['client-id'] === 'string' ? values['client-id'] : '';
    const name = stringOption(values, 'name') ?? 'iam';
    const ctx = configContext(io);
    const override = stringOption(values, 'config');
    const location = await resolveConfigPaths({ ...ctx, override, cwd: io.cwd });
    // Only Claude Desktop's own folder may be created (Claude not yet run); a mistyped --config may not.
    const createFolder = override === undefined || await isStandardConfigPath(ctx, location.chosen);
    const confirmDrop = stringOption(values, 'confirm-drop')?.split(',').map((n) => n.trim()).filter(Boolean);
    if (confirmDrop && values['replace-invalid'] !== true) throw new UsageError('--confirm-drop goes with --replace-invalid');
    const built = usageOnBadEntry(() => buildIamEntry({
      mcpUrl: url, clientId, scopes: stringOption(values, 'scopes'), platform: ctx.platform,
      callbackPort: intOption(values, 'callback-port', 1, 65535), allowHttp: values['allow-http'] === true,
      npxPath: stringOption(values, 'npx-path'),
      sideFileDir: ctx.platform === 'win32' ? bridgeFilesDir(ctx) : undefined,
    }));
    const result = await writeServerEntry({
      fs: ctx.fs, platform: ctx.platform, configPath: location.chosen, name, entry: built.entry, sideFiles: built.sideFiles,
      backups: ctx.backups, createFolder, replaceInvalid: values['replace-invalid'] === true, repairInvalid: values.repair === true, dryRun: values['dry-run'] === true,
      ...(confirmDrop ? { confirmDrop } : {}),
    });
    for (const w of built.warnings) io.stderr(`iam-mcp-helper: warning: ${w}\n`);
    if (values.json) {
      printJson(io, {
        ...result, name, entry: built.entry, redirectUris: built.redirectUris, callbackPort: built.callbackPort, scopes: built.scopes,
        warnings: built.warnings, sideFiles: built.sideFiles.map((f) => f.path), restartClaudeDesktop: result.changed && !result.dryRun,
      });
      return 0;
    }
    const lines: string[] = [];
    if (!result.changed) lines.push(`${result.configPath} already has this "${name}" entry; nothing to do.`);
    else {
      lines.push(result.diff.trimEnd(), '');
      if (result.bomRemoved) {
        lines.push('The file started with a byte order mark (BOM), which Claude Desktop cannot read (it parses the file with',
          'JSON.parse); the BOM is removed and everything else is kept.');
      }
      if (result.repairs.length) lines.push(`Repaired: removed ${result.repairs.join(', ')}; every server is kept.`);
      if (result.droppedServers.length) lines.push(`Replacing the unusable file drops: ${result.droppedServers.join(', ')} (kept in the backup).`);
      if (result.dryRun) lines.push('Dry run: nothing was written.');
      else if (result.created) lines.push(`Created ${result.configPath}`);
      else lines.push(result.replacedEntry ? `Replaced the existing "${name}" entry in ${result.configPath}` : `Updated ${result.configPath}`);
      if (result.backup) lines.push(`Backup: ${result.backup.id} (restore with: iam-mcp-helper backups restore ${result.backup.id})`);
    }
    lines.push('', 'Register this redirect URI on the IAM application:', ...built.redirectUris.map((u) => `  ${u}`));
    if (result.changed && !result.dryRun) lines.push('', 'Restart Claude Desktop to load the entry.');
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};


export default command;
