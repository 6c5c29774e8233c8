/** The folders `openPath` shows: the config's folder, Claude Desktop's logs, the backups. */
import { claudeLogDir } from '../core/diagnostics/checks/claude.js';
import { pathFor } from '../core/paths/app-data.js';
import type { OpenPathTarget } from '../contract/api-contract.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';

export async function folderOf(ctx: AppContext, target: OpenPathTarget): Promise<string> {
  if (target === 'backups') return ctx.backups.dir;
  if (target === 'claude-logs') return claudeLogDir(ctx);
  return pathFor(ctx.platform).dirname((await configPathOf(ctx)).chosen);
}

/** Shows the folder (created first when missing, so the file manager has something to open). */
export async function openFolder(ctx: AppContext, target: OpenPathTarget): Promise<{ path: string; opened: boolean }> {
  const path = await folderOf(ctx, target);
  await ctx.fs.mkdir(path).catch(() => undefined);
  return { path, opened: await ctx.effects.openPath(path) };
}
