/**
 * Child process for crash-kill.test.ts (bundled by it): rewrites mcpServers.iam in argv[2]
 * forever, alternating the two entries of argv[4] (JSON), with backups in argv[3]; prints
 * "ready" once loaded. The test SIGKILLs it.
 */
import { nodeFs } from '../../../main/core/config/fs-port.js';
import { writeServerEntry } from '../../../main/core/config/write-entry.js';

const [configPath, backupsDir, entriesJson] = process.argv.slice(2) as [string, string, string];
const entries = JSON.parse(entriesJson) as [unknown, unknown];
const backups = { fs: nodeFs, platform: process.platform, dir: backupsDir };

process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await writeServerEntry({ fs: nodeFs, platform: process.platform, configPath, name: 'iam', entry: entries[i % 2], backups });
}
