import type { CliIo } from '../command.js';
import { nodeFs, type FsPort } from '../../core/config/fs-port.js';
import type { BackupStore } from '../../core/config/backups.js';
import { backupsDir, type PlatformEnv } from '../../core/paths/app-data.js';

/** What the config commands need from the CLI's injected environment. */
export interface ConfigContext extends PlatformEnv {
  fs: FsPort;
  backups: BackupStore;
}

export function configContext(io: CliIo): ConfigContext {
  const ctx: PlatformEnv = { platform: io.platform, env: io.env, homedir: io.env.HOME || io.homedir };
  return { ...ctx, fs: nodeFs, backups: { fs: nodeFs, platform: io.platform, dir: backupsDir(ctx) } };
}
