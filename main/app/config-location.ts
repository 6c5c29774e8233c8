/**
 * Which config file the app works on: Claude Desktop's own (core/config/locate.ts), the launch's
 * `--config`, or a file the user chose in the app (`chooseConfigFile`, kept for this run of the app
 * only, so a restart is back on the file Claude Desktop really reads). Every config, backup,
 * doctor and bridge method asks here, so all pages work on the same file.
 */
import { resolveConfigPaths, type ConfigCandidate } from '../core/config/locate.js';
import { errnoCode } from '../core/config/fs-port.js';
import { HelperError } from '../core/errors.js';
import { pathFor } from '../core/paths/app-data.js';
import type { ConfigLocationValue } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';

export interface WorkingConfig {
  chosen: string;
  reason: string;
  chosenBy: ConfigLocationValue['chosenBy'];
  candidates: ConfigCandidate[];
}

/** The file every method works on, and Claude Desktop's own candidates (listed either way). */
export async function configPathOf(ctx: AppContext): Promise<WorkingConfig> {
  const base = { platform: ctx.platform, env: ctx.env, homedir: ctx.homedir, fs: ctx.fs, cwd: ctx.cwd };
  if (ctx.configChoice) {
    const claude = await resolveConfigPaths(base);
    const exists = await isFile(ctx, ctx.configChoice);
    return {
      chosen: ctx.configChoice, chosenBy: 'app', reason: `chosen in the app (Claude Desktop itself reads ${claude.chosen})`,
      candidates: [{ path: ctx.configChoice, kind: 'user', exists }, ...claude.candidates.filter((c) => c.path !== ctx.configChoice)],
    };
  }
  const loc = await resolveConfigPaths({ ...base, override: ctx.configOverride });
  if (!ctx.configOverride) return { chosen: loc.chosen, reason: loc.reason, chosenBy: 'claude', candidates: loc.candidates };
  // The launch's file, then where Claude Desktop itself reads (so the page can say both).
  const claude = await resolveConfigPaths(base);
  return {
    chosen: loc.chosen, reason: `the file the app was started with (--config); Claude Desktop itself reads ${claude.chosen}`, chosenBy: 'launch',
    candidates: [...loc.candidates, ...claude.candidates.filter((c) => c.path !== loc.chosen)],
  };
}

/** The override backups restore to and diff against (a chosen or launch file), else undefined (the backup's own source). */
export async function workingOverride(ctx: AppContext): Promise<string | undefined> {
  return ctx.configChoice || ctx.configOverride ? (await configPathOf(ctx)).chosen : undefined;
}

async function isFile(ctx: AppContext, path: string): Promise<boolean> {
  try { return (await ctx.fs.stat(path)).isFile(); } catch { return false; }
}

/**
 * Switches the working file. Only a full path to a `.json` file whose folder exists is taken:
 * the API writes to it, so nothing else on disk (a dotfile, a folder) can become the target.
 */
export async function chooseConfigFile(ctx: AppContext, raw: string): Promise<void> {
  const path = raw.trim();
  if (!path) { ctx.configChoice = undefined; return; }
  const p = pathFor(ctx.platform);
  if (!p.isAbsolute(path)) throw new HelperError('CONFIG_PATH_NOT_ABSOLUTE', `“${path}” is not a full path. Enter the whole path, starting with ${ctx.platform === 'win32' ? 'a drive letter such as C:\\' : '/'}.`);
  if (!/\.json$/i.test(path)) throw new HelperError('CONFIG_PATH_NOT_JSON', `“${p.basename(path)}” is not a .json file. Claude Desktop's config is a JSON file named claude_desktop_config.json; choose a .json file.`);
  const abs = p.resolve(path);
  try {
    if (!(await ctx.fs.stat(p.dirname(abs))).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    if (error instanceof HelperError) throw error;
    throw new HelperError('CONFIG_FOLDER_MISSING', `The folder ${p.dirname(abs)} does not exist. Check the path, or create the folder first.`, { detail: { code: errnoCode(error) } });
  }
  try {
    if ((await ctx.fs.stat(abs)).isDirectory()) throw new HelperError('CONFIG_PATH_IS_FOLDER', `${abs} is a folder. Enter the path of the config file inside it.`);
  } catch (error) {
    if (error instanceof HelperError) throw error;
    /* does not exist yet: writing creates it */
  }
  ctx.configChoice = abs;
}
