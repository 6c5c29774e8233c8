/**
 * Fix actions the engine names on a finding (`fixAction`), run from a finished run's report:
 * `config.rewrite-entry` and `config.set-scopes` rewrite the entry (diff shown first, backup taken,
 * atomic write, refused when the file changed since the preview); `bridge.clear-cache` deletes
 * this server's mcp-remote token file (never copied: it holds tokens); `claude.restart-hint` only
 * says what to do.
 */
import { readIfExists } from '../core/config/atomic-write.js';
import { buildIamEntry, DEFAULT_SCOPES } from '../core/config/entry-builder.js';
import { describeEntry } from '../core/config/entry-describe.js';
import { decodeConfig, parseConfigText } from '../core/config/parse.js';
import { writeServerEntry } from '../core/config/write-entry.js';
import { bridgeCacheDir } from '../core/diagnostics/checks/bridge-cache.js';
import type { DoctorReport } from '../core/diagnostics/doctor.js';
import { HelperError } from '../core/errors.js';
import { serverUrlHash } from '../core/mcp-remote-facts.js';
import { bridgeFilesDir, pathFor } from '../core/paths/app-data.js';
import { GUIDE_SCOPE_FIXES } from '../core/server-facts.js';
import type { CheckResult, FixAction } from '../contract/check.js';
import type { FixApplied, FixPreview } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';
import { fileSha256, requireUnchanged } from './preview-guard.js';
import type { Run } from './runs.js';

interface Plan {
  description: string;
  path?: string;
  diff: string;
  apply(): Promise<FixApplied>;
}

type FixableFinding = CheckResult & { fixAction: FixAction };

function findingOf(run: Run, findingId: string): FixableFinding {
  const finding = run.info.steps.find((s) => s.id === findingId);
  if (!finding?.fixAction) throw new HelperError('NO_FIX', `The finding ${findingId} has no fix the app can apply; follow its instructions instead.`);
  return finding as FixableFinding;
}

async function entryEnv(ctx: AppContext, configPath: string, name: string): Promise<Record<string, string>> {
  try {
    const bytes = await readIfExists(ctx.fs, configPath);
    if (!bytes) return {};
    return describeEntry(parseConfigText(decodeConfig(bytes, configPath), configPath).mcpServers?.[name], ctx.platform).env;
  } catch {
    return {};
  }
}

/** Scopes for `config.set-scopes`: the guide's names mapped to the server's, plus a scope the server asked for. */
function fixedScopes(current: string[] | undefined, finding: CheckResult): string {
  const out = new Set((current ?? []).map((s) => GUIDE_SCOPE_FIXES[s] ?? s));
  for (const key of ['required', 'requiredScope', 'required_scope']) {
    const v = finding.evidence[key];
    if (typeof v === 'string') for (const s of v.split(' ').filter(Boolean)) out.add(s);
  }
  return out.size ? [...out].join(' ') : DEFAULT_SCOPES;
}

async function planFix(ctx: AppContext, run: Run, finding: FixableFinding): Promise<Plan> {
  const action = finding.fixAction.action;
  const report = run.report as Partial<DoctorReport> | undefined;
  const target = report?.target;
  if (!target?.configPath) throw new HelperError('NO_FIX', 'Fixes apply to a Troubleshoot run of a config entry; run Troubleshoot on the entry first.');
  const configPath = target.configPath;
  switch (action) {
    case 'config.rewrite-entry':
    case 'config.set-scopes': {
      if (!target.mcpUrl || !target.clientId) throw new HelperError('NO_FIX', 'The entry lacks the MCP URL or the client ID, so the app cannot rebuild it; use Set up to write a new one.');
      // The finding names the scopes to request when it knows them (fixAction.scopes); else the guide's names are mapped.
      const named = typeof finding.fixAction.scopes === 'string' && finding.fixAction.scopes ? finding.fixAction.scopes : undefined;
      const scopes = action === 'config.set-scopes' ? named ?? fixedScopes(target.scopes, finding) : target.scopes?.join(' ');
      const built = buildIamEntry({ mcpUrl: target.mcpUrl, clientId: target.clientId, scopes, platform: ctx.platform, sideFileDir: ctx.platform === 'win32' ? bridgeFilesDir(ctx) : undefined });
      const write = (dryRun: boolean) => writeServerEntry({ fs: ctx.fs, platform: ctx.platform, configPath, name: target.name, entry: built.entry, sideFiles: built.sideFiles, backups: ctx.backups, dryRun });
      const preview = await write(true);
      return {
        description: action === 'config.set-scopes' ? `Request the scopes "${built.scopes}" in the "${target.name}" entry.` : `Rewrite the "${target.name}" entry as the helper builds it.`,
        path: configPath, diff: preview.diff,
        async apply() {
          const r = await write(false);
          return { action, changed: r.changed, ...(r.backup ? { backupId: r.backup.id } : {}), message: r.changed ? 'The entry was rewritten. Restart Claude Desktop to load it.' : 'The entry already held this; nothing was written.' };
        },
      };
    }
    case 'bridge.clear-cache': {
      if (!target.mcpUrl) throw new HelperError('NO_FIX', 'The entry has no MCP URL, so the app cannot tell which cached sign-in to clear.');
      const env = await entryEnv(ctx, configPath, target.name);
      const file = pathFor(ctx.platform).join(bridgeCacheDir(ctx, env), `${serverUrlHash(target.mcpUrl)}_tokens.json`);
      const exists = (await readIfExists(ctx.fs, file)) !== null;
      return {
        description: exists ? `Delete the bridge's cached sign-in for ${target.mcpUrl}; Claude Desktop asks you to sign in again.` : `The bridge has no cached sign-in for ${target.mcpUrl}; nothing to clear.`,
        path: file, diff: exists ? `- ${file}\n` : '',
        async apply() {
          if (!exists) return { action, changed: false, message: 'Nothing was cached; nothing was deleted.' };
          await ctx.fs.unlink(file);
          return { action, changed: true, message: 'The cached sign-in was deleted. Restart Claude Desktop and sign in again.' };
        },
      };
    }
    case 'claude.restart-hint':
      return { description: 'Quit Claude Desktop completely and start it again so it reloads the config.', diff: '', apply: async () => ({ action, changed: false, message: 'Quit Claude Desktop completely (not just its window) and start it again.' }) };
    default:
      throw new HelperError('NO_FIX', `The app cannot apply "${action}" yet; follow the finding's instructions instead.`);
  }
}

export async function previewFix(ctx: AppContext, run: Run, findingId: string): Promise<FixPreview> {
  const finding = findingOf(run, findingId);
  const plan = await planFix(ctx, run, finding);
  return {
    runId: run.id, findingId, action: finding.fixAction.action, description: plan.description, ...(plan.path ? { configPath: plan.path } : {}),
    diff: plan.diff, sha256: plan.path ? await fileSha256(ctx.fs, plan.path) : '',
  };
}

export async function applyFix(ctx: AppContext, run: Run, findingId: string, sha256: string): Promise<FixApplied> {
  const finding = findingOf(run, findingId);
  const plan = await planFix(ctx, run, finding);
  if (plan.path) await requireUnchanged(ctx.fs, plan.path, sha256);
  return plan.apply();
}
