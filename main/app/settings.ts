/**
 * The app's settings: recent instances (URL, client ID, scopes), the last page, window bounds.
 * The desktop window keeps them with electron-store (`settings.json` in the app data folder); the
 * browser door reads and writes the same file as plain JSON (electron-store's format) with the
 * engine's atomic write, because electron-store's exit hook re-raises Ctrl-C before the server
 * can stop cleanly. Tests use the in-memory store.
 */
import type { RecentInstance, Settings } from '../contract/api-values.js';
import type { SettingsPatch } from '../contract/api-contract.js';
import { z } from 'zod';
import { recentInstanceSchema, routeIdSchema } from '../contract/api-values.js';
import { atomicWrite, readIfExists } from '../core/config/atomic-write.js';
import type { FsPort } from '../core/config/fs-port.js';
import { pathFor } from '../core/paths/app-data.js';

export interface WindowBounds { x?: number; y?: number; width: number; height: number }

export interface StoredSettings {
  recentInstances: RecentInstance[];
  lastPage: Settings['lastPage'];
  route?: Settings['route'];
  windowBounds?: WindowBounds;
}

export interface SettingsStore {
  read(): StoredSettings;
  write(next: StoredSettings): void;
  /** Resolves once every write so far is on disk (stores that write in the background). */
  flush?(): Promise<void>;
}

export const DEFAULT_SETTINGS: StoredSettings = { recentInstances: [], lastPage: 'setup' };

export function memorySettings(initial: Partial<StoredSettings> = {}): SettingsStore {
  let value: StoredSettings = { ...DEFAULT_SETTINGS, ...initial };
  return { read: () => value, write: (next) => { value = next; } };
}

const storedSchema = z.object({
  recentInstances: z.array(recentInstanceSchema).max(10).catch([]),
  lastPage: z.enum(['setup', 'troubleshoot', 'backups']).catch('setup'),
  route: routeIdSchema.optional().catch(undefined),
  windowBounds: z.object({ x: z.number().optional(), y: z.number().optional(), width: z.number(), height: z.number() }).optional().catch(undefined),
}).catch(DEFAULT_SETTINGS);

/** `settings.json` under `dir` (absolute); an unreadable or invalid file reads as the defaults. */
export async function fileSettings(fs: FsPort, platform: NodeJS.Platform, dir: string): Promise<SettingsStore> {
  const file = pathFor(platform).join(dir, 'settings.json');
  let value: StoredSettings = DEFAULT_SETTINGS;
  try {
    const bytes = await readIfExists(fs, file);
    if (bytes) value = storedSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch { /* defaults */ }
  let writing = Promise.resolve();
  return {
    read: () => value,
    write: (next) => {
      value = next;
      writing = writing.then(() => atomicWrite(fs, file, `${JSON.stringify(next, null, '\t')}\n`, { platform, mode: 0o600, createFolder: true })).catch(() => undefined);
    },
    flush: () => writing,
  };
}

/** Merges a patch; recent instances are de-duplicated (URL + client ID), newest first, at most 10. */
export function applyPatch(current: StoredSettings, patch: SettingsPatch): StoredSettings {
  const next = { ...current };
  if (patch.lastPage) next.lastPage = patch.lastPage;
  if (patch.route) next.route = patch.route;
  if (patch.recentInstances) {
    const seen = new Set<string>();
    next.recentInstances = patch.recentInstances.filter((r) => {
      const key = `${r.url}\n${r.clientId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, 10);
  }
  return next;
}
