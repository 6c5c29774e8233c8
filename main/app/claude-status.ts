/**
 * claudeStatus: is Claude Desktop running, and did it start before the working config file last
 * changed? Claude Desktop reads its config only when it starts (docs/claude-desktop-config.md), so a
 * running Claude that started earlier has not seen the change. The process list is the doctor's
 * (claude.running uses the same `findClaude`).
 */
import { findClaude } from '../core/diagnostics/checks/claude.js';
import { listProcesses } from '../core/diagnostics/node-deps.js';
import type { ClaudeStatusValue } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-location.js';

export async function claudeStatus(ctx: AppContext): Promise<ClaudeStatusValue> {
  const list = ctx.listProcesses ?? (() => listProcesses(ctx.platform));
  const procs = await list().catch(() => undefined);
  const { chosen } = await configPathOf(ctx);
  const mtimeMs = await ctx.fs.stat(chosen).then((s) => s.mtimeMs, () => undefined);
  const configModified = mtimeMs !== undefined ? { configModified: new Date(mtimeMs).toISOString() } : {};
  if (!procs) return { platform: ctx.platform, running: null, restartNeeded: false, ...configModified };
  const claude = findClaude(procs);
  const startedAt = claude.startedAtMs !== undefined ? { startedAt: new Date(claude.startedAtMs).toISOString() } : {};
  // A start time the list does not give (Windows' tasklist) cannot prove the change was read: restart to be sure.
  const restartNeeded = claude.running && mtimeMs !== undefined && (claude.startedAtMs === undefined || mtimeMs > claude.startedAtMs);
  return { platform: ctx.platform, running: claude.running, restartNeeded, ...startedAt, ...configModified };
}
