/** The config half of the API: locate, read entries, preview and apply setup, backups. */
import { readIfExists } from '../core/config/atomic-write.js';
import { listBackups, pruneBackups, readBackup, restoreBackup } from '../core/config/backups.js';
import { lineDiff } from '../core/config/diff.js';
import { buildIamEntry } from '../core/config/entry-builder.js';
import { describeEntry } from '../core/config/entry-describe.js';
import { readBridgeEntry } from '../core/diagnostics/entry.js';
import { entryVerdict } from '../core/diagnostics/entry-verdict.js';
import { decodeConfig, parseConfigText } from '../core/config/parse.js';
import { writeServerEntry } from '../core/config/write-entry.js';
import { repairConfigText } from '../core/config/repair.js';
import { HelperError } from '../core/errors.js';
import { bridgeFilesDir } from '../core/paths/app-data.js';
import type { ApiImplementation, SetupInput } from '../contract/api-contract.js';
import type { EntrySummary } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';
import { sha256Of, requireUnchanged } from './preview-guard.js';
import { chooseConfigFile, configPathOf, workingOverride } from './config-location.js';

type ConfigMethods = Pick<ApiImplementation, 'locateConfig' | 'chooseConfigFile' | 'readEntries' | 'previewSetup' | 'applySetup' | 'listBackups' | 'diffBackup' | 'restoreBackup' | 'pruneBackups'>;

export { configPathOf };

/**
 * One entry for the pickers: `ours` talks to an IAM and nothing is known to be wrong; `broken`
 * talks to an IAM (or cannot be read) but cannot work, with the reason in `problem`; `other` is
 * not about an IAM. The engine's offline verdict decides (diagnostics/entry-verdict.ts).
 */
export function summarizeEntry(name: string, raw: unknown, platform: NodeJS.Platform): EntrySummary {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { name, kind: 'broken', summary: 'not an object', problem: 'The entry must be a JSON object with a "command".' };
  const d = describeEntry(raw, platform);
  if (!d.command) return { name, kind: 'broken', summary: 'no command', problem: 'The entry has no "command", so Claude Desktop cannot start it.' };
  const entry = readBridgeEntry(raw, platform);
  const verdict = entry ? entryVerdict(entry) : { iam: false, problems: [] };
  if (!entry || !verdict.iam) return { name, kind: 'other', summary: [d.command, ...d.args].join(' ').slice(0, 200) };
  return {
    name, kind: verdict.problems.length ? 'broken' : 'ours',
    summary: `${entry.isMcpRemote ? 'mcp-remote bridge' : entry.packageName ?? d.command} to ${entry.url ?? '(no URL)'}`,
    ...(entry.url ? { url: entry.url } : {}), ...(entry.clientId ? { clientId: entry.clientId } : {}), ...(entry.scopes ? { scopes: entry.scopes } : {}),
    ...(entry.callback ? { redirectUri: entry.callback.uri } : {}), ...(verdict.problems.length ? { problem: verdict.problems.join(' ') } : {}),
  };
}

function buildEntry(ctx: AppContext, input: SetupInput) {
  try {
    return buildIamEntry({
      mcpUrl: input.url, clientId: input.clientId, scopes: input.scopes, platform: ctx.platform, callbackPort: input.callbackPort,
      allowHttp: input.allowHttp === true, npxPath: input.npxPath, sideFileDir: ctx.platform === 'win32' ? bridgeFilesDir(ctx) : undefined,
    });
  } catch (error) {
    if (error instanceof HelperError && error.code.startsWith('ENTRY_')) throw new HelperError(error.code, `${error.message}. Correct it and preview again.`, { detail: error.detail });
    throw error;
  }
}

async function locate(ctx: AppContext) {
  const loc = await configPathOf(ctx);
  return {
    chosen: loc.chosen, reason: loc.reason, chosenBy: loc.chosenBy, exists: (await readIfExists(ctx.fs, loc.chosen)) !== null,
    candidates: loc.candidates, backupsDir: ctx.backups.dir,
  };
}

export function configApi(ctx: AppContext): ConfigMethods {
  const write = async (input: SetupInput, dryRun: boolean) => {
    const { chosen } = await configPathOf(ctx);
    const built = buildEntry(ctx, input);
    const once = (confirmDrop: string[], dry: boolean) => writeServerEntry({
      fs: ctx.fs, platform: ctx.platform, configPath: chosen, name: input.name ?? 'iam', entry: built.entry, sideFiles: built.sideFiles,
      backups: ctx.backups, replaceInvalid: input.replaceInvalid === true, repairInvalid: input.repairInvalid === true, confirmDrop, dryRun: dry,
    });
    // Replacing an unreadable file drops the servers it still names: the preview lists them
    // (droppedServers) and applySetup's sha256 guard ties the write to that preview, so the apply
    // confirms exactly those.
    const dropped = input.replaceInvalid && !dryRun ? (await once([], true)).droppedServers : [];
    const result = await once(dropped, dryRun);
    return { chosen, built, result };
  };
  return {
    locateConfig: () => locate(ctx),
    async chooseConfigFile(path) {
      await chooseConfigFile(ctx, path);
      return locate(ctx);
    },
    async readEntries() {
      const { chosen } = await configPathOf(ctx);
      const bytes = await readIfExists(ctx.fs, chosen);
      if (bytes === null) return { configPath: chosen, exists: false, entries: [] };
      try {
        const parsed = parseConfigText(decodeConfig(bytes, chosen), chosen);
        const entries = Object.entries(parsed.mcpServers ?? {}).map(([name, raw]) => summarizeEntry(name, raw, ctx.platform));
        return { configPath: chosen, exists: true, entries };
      } catch (error) {
        if (!(error instanceof HelperError)) throw error;
        const repair = error.code === 'CONFIG_INVALID_JSON' ? repairConfigText(bytes.toString('utf8').replace(/^\uFEFF/, '')) : null;
        return { configPath: chosen, exists: true, problem: { code: error.code, message: error.message, ...(repair ? { repairs: repair.fixes } : {}) }, entries: [] };
      }
    },
    async previewSetup(input) {
      const { chosen } = await configPathOf(ctx);
      const before = await readIfExists(ctx.fs, chosen);
      const { built, result } = await write(input, true);
      return {
        configPath: chosen, name: input.name ?? 'iam', changed: result.changed, created: result.created, replacedEntry: result.replacedEntry,
        diff: result.diff, redirectUris: built.redirectUris, scopes: built.scopes.split(' ').filter(Boolean), warnings: built.warnings, sha256: sha256Of(before),
        ...(result.droppedServers.length ? { droppedServers: result.droppedServers } : {}),
        ...(result.repairs.length ? { repairs: result.repairs } : {}),
      };
    },
    async applySetup(input, sha256) {
      const { chosen } = await configPathOf(ctx);
      await requireUnchanged(ctx.fs, chosen, sha256);
      const { built, result } = await write(input, false);
      return {
        configPath: chosen, changed: result.changed, created: result.created, backup: result.backup, diff: result.diff,
        redirectUris: built.redirectUris, restartClaudeDesktop: result.changed,
      };
    },
    listBackups: () => listBackups(ctx.backups),
    async diffBackup(id) {
      const { meta, bytes } = await readBackup(ctx.backups, id);
      const target = (await workingOverride(ctx)) ?? meta.sourcePath;
      const current = (await readIfExists(ctx.fs, target))?.toString('utf8') ?? '';
      const diff = lineDiff(bytes.toString('utf8'), current, [`backup ${meta.id}`, target]);
      return { id: meta.id, target, identical: diff === '', diff };
    },
    async restoreBackup(id) {
      const target = await workingOverride(ctx);
      const r = await restoreBackup(ctx.backups, id, target);
      return { targetPath: r.targetPath, changed: r.changed, restoredId: r.restored.id, ...(r.safetyBackup ? { safetyBackupId: r.safetyBackup.id } : {}) };
    },
    async pruneBackups(keep) {
      return { removed: (await pruneBackups(ctx.backups, keep)).map((b) => b.id) };
    },
  };
}
