import { intOption, printJson, stringOption, type CliIo, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_KEEP, diffBackup, listBackups, pruneBackups, readBackup, restoreBackup } from '../../core/config/backups.js';
import { listOrphanBackups, pruneOrphanBackups } from '../../core/config/backup-orphans.js';
import { maskConfigSecrets } from '../../core/http/redact-json.js';
import { pathFor } from '../../core/paths/app-data.js';
import { configContext } from './config-context.js';

const USAGE = 'backups list | show <id> | diff <id> | restore <id> | prune [--keep N]';

const command: Command = {
  name: 'backups',
  summary: 'List, show, diff, restore and prune backups of Claude Desktop\'s config',
  help: `Usage: iam-mcp-helper ${USAGE} [--json]

  list            Every backup, newest first (id, time, source file)
  show <id>       The backed-up file, secrets masked (--raw: the bytes as stored, e.g. to copy a token back)
  diff <id>       What changed between the backup and the file now (its source, or --config <path>)
  restore <id>    Put the backup back (at its source path, or --config <path>); backs up first
  prune           Keep the newest N backups (--keep, default ${DEFAULT_KEEP}); also removes orphans

Backups live in the app data folder, shared with the desktop app. A backup is recorded only once
the write it was taken for took place; one whose record is missing (the process was killed
mid-write) is listed as an orphan with the path of its bytes, and removed by prune.`,
  options: { config: { type: 'string' }, keep: { type: 'string' }, raw: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [action, id, ...extra] = positionals;
    if (extra.length) throw new UsageError(`backups: unexpected "${extra.join(' ')}" (${USAGE})`);
    const store = configContext(io).backups;
    const configArg = stringOption(values, 'config');
    const configPath = configArg === undefined ? undefined : pathFor(io.platform).resolve(io.cwd, configArg);
    const json = values.json === true;
    const needId = (): string => {
      if (!id) throw new UsageError(`backups ${action ?? ''}: missing <id> (see backups list)`);
      return id;
    };
    switch (action) {
      case 'list': {
        if (id) throw new UsageError('backups list takes no argument');
        const all = await listBackups(store);
        const orphans = await listOrphanBackups(store);
        // --json stays the array of records; orphans are in the text listing and in prune's result.
        if (json) printJson(io, all);
        else if (all.length === 0 && orphans.length === 0) io.stdout(`No backups in ${store.dir}\n`);
        else {
          const lines = all.map((b) => `${b.id}  ${b.createdAt}  ${String(b.size).padStart(7)} B  ${b.sourcePath}  (${b.reason})`);
          if (orphans.length) {
            lines.push('', 'Orphans (bytes without a record: a write was interrupted; prune removes them):',
              ...orphans.map((o) => `${o.id}  ${o.createdAt}  ${String(o.size).padStart(7)} B  ${o.path}`));
          }
          io.stdout(`${lines.join('\n')}\n`);
        }
        return 0;
      }
      case 'show': {
        const { meta, bytes } = await readBackup(store, needId());
        // Like every output, masked (backups hold other servers' tokens); --raw is the explicit way out.
        if (values.raw === true) io.stdout(bytes.toString('utf8'));
        else if (json) printJson(io, { ...meta, content: maskConfigSecrets(bytes.toString('utf8')) });
        else io.stdout(maskConfigSecrets(bytes.toString('utf8')));
        return 0;
      }
      case 'diff': {
        const d = await diffBackup(store, needId(), configPath);
        if (json) printJson(io, d);
        else io.stdout(d.identical ? `${d.target} is identical to backup ${d.id}\n` : d.diff);
        return 0;
      }
      case 'restore': {
        const r = await restoreBackup(store, needId(), configPath);
        if (json) printJson(io, r);
        else report(io, r.changed
          ? `Restored ${r.restored.id} to ${r.targetPath}${r.safetyBackup ? `\nThe previous file was backed up as ${r.safetyBackup.id}` : ''}`
          : `${r.targetPath} already holds backup ${r.restored.id}; nothing to do`);
        return 0;
      }
      case 'prune': {
        if (id) throw new UsageError('backups prune takes no argument (use --keep N)');
        const removed = await pruneBackups(store, intOption(values, 'keep', 0, 1_000_000) ?? DEFAULT_KEEP);
        const orphansRemoved = await pruneOrphanBackups(store);
        if (json) printJson(io, { removed, orphansRemoved });
        else report(io, `Removed ${removed.length} backup(s)${orphansRemoved.length ? ` and ${orphansRemoved.length} orphan(s)` : ''}`);
        return 0;
      }
      default:
        throw new UsageError(action ? `backups: unknown action "${action}" (${USAGE})` : `backups: missing action (${USAGE})`);
    }
  },
};

function report(io: CliIo, text: string): void {
  io.stdout(`${text}\n`);
}

export default command;
