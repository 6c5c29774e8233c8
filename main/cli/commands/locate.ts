import { printJson, stringOption, type Command } from '../command.js';
import { resolveConfigPaths } from '../../core/config/locate.js';
import { appDataDir } from '../../core/paths/app-data.js';
import { configContext } from './config-context.js';

const command: Command = {
  name: 'locate',
  summary: 'Show where Claude Desktop\'s config file is (every candidate, which one is used and why)',
  help: `Usage: iam-mcp-helper locate [--config <path>] [--json]

Lists every place Claude Desktop may keep claude_desktop_config.json on this OS, whether each
exists, and which one the app reads. --config <path> overrides the search.`,
  options: { config: { type: 'string' } },
  async run({ values, io }) {
    const ctx = configContext(io);
    const location = await resolveConfigPaths({ ...ctx, override: stringOption(values, 'config') });
    const out = { ...location, appDataDir: appDataDir(ctx), backupsDir: ctx.backups.dir };
    if (values.json) {
      printJson(io, out);
      return 0;
    }
    const lines = [`Config: ${location.chosen}`, `  (${location.reason})`, '', 'Candidates:'];
    for (const c of location.candidates) lines.push(`  ${c.exists ? 'exists ' : 'missing'}  ${c.kind.padEnd(8)} ${c.path}`);
    lines.push('', `Backups: ${ctx.backups.dir}`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
export default command;
