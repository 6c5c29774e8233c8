/**
 * The targeted bridge cache reset behind the fix action `bridge.clear-cache`: removes only this
 * server's files from mcp-remote's store (`<hash>_*` in `<config dir>/mcp-remote-v1`, hash =
 * serverUrlHash; mcp-remote 0.15.1 src/lib/mcp-auth-config.ts names every file that way), never
 * the folder or other servers' files, and points out the folders older mcp-remote versions left
 * (`mcp-remote-0.x.y`), which the pinned version no longer reads.
 */
import path from 'node:path';
import { mcpRemoteConfigDir, serverUrlHash } from '../mcp-remote-facts.js';
import { MCP_REMOTE_STORE_DIR } from '../diagnostics/checks/bridge-cache.js';

export interface CacheFs {
  readdir(dir: string): Promise<string[]>;
  unlink(file: string): Promise<void>;
}

export interface CacheResetInput {
  url: string;
  /** mcp-remote's --resource, which is part of its cache key. */
  resource?: string;
  entryEnv?: Record<string, string>;
  homedir: string;
  platform: NodeJS.Platform;
}

export interface OldStore { dir: string; files: number; thisServer: string[] }

export interface CacheResetPlan {
  /** mcp-remote's config dir (MCP_REMOTE_CONFIG_DIR of the entry, else ~/.mcp-auth). */
  base: string;
  store: string;
  hash: string;
  /** This server's files in the current store: what a reset removes. */
  files: string[];
  /** Other servers' files left alone. */
  otherFiles: number;
  /** Stores of older mcp-remote versions (not read by the pinned one). */
  oldStores: OldStore[];
}

async function list(fs: CacheFs, dir: string): Promise<string[]> {
  try { return await fs.readdir(dir); } catch (e) { if ((e as { code?: string }).code === 'ENOENT') return []; throw e; }
}

export async function planCacheReset(fs: CacheFs, input: CacheResetInput): Promise<CacheResetPlan> {
  const p = input.platform === 'win32' ? path.win32 : path.posix;
  const base = mcpRemoteConfigDir({ entryEnv: input.entryEnv ?? {}, homedir: input.homedir, platform: input.platform });
  const store = p.join(base, MCP_REMOTE_STORE_DIR);
  const hash = serverUrlHash(input.url, input.resource ? [input.resource] : []);
  const names = await list(fs, store);
  const files = names.filter((n) => n.startsWith(`${hash}_`)).map((n) => p.join(store, n));
  const urlOnly = serverUrlHash(input.url);
  const oldStores: OldStore[] = [];
  for (const name of (await list(fs, base)).filter((n) => /^mcp-remote-\d+\.\d+\.\d+/.test(n)).sort()) {
    const dir = p.join(base, name);
    const inside = await list(fs, dir).catch(() => []);
    oldStores.push({ dir, files: inside.length, thisServer: inside.filter((n) => n.startsWith(`${hash}_`) || n.startsWith(`${urlOnly}_`)).map((n) => p.join(dir, n)) });
  }
  return { base, store, hash, files, otherFiles: names.length - files.length, oldStores };
}

/** Removes exactly `plan.files`; a file already gone counts as removed. */
export async function clearBridgeCache(fs: CacheFs, plan: CacheResetPlan): Promise<{ removed: string[] }> {
  const removed: string[] = [];
  for (const file of plan.files) {
    try { await fs.unlink(file); } catch (e) { if ((e as { code?: string }).code !== 'ENOENT') throw e; }
    removed.push(file);
  }
  return { removed };
}
