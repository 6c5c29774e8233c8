/**
 * `npm run demo-iam -- [--profile casdoor|hanzo-v1|spec] [--port N] [--fault name[=value]]...`
 * Starts one emulator profile in the foreground and prints `Key: value` lines once it accepts
 * connections. SIGINT / SIGTERM close it and exit 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../main/core/errors.js';
import { parseFaults } from './faults.js';
import { startEmulator } from './index.js';
import type { ProfileName } from './types.js';

const PROFILES: ProfileName[] = ['casdoor', 'hanzo-v1', 'spec'];

async function main(): Promise<number> {
  let values: { profile?: string; port?: string; fault?: string[] };
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string' }, port: { type: 'string' }, fault: { type: 'string', multiple: true } }, strict: true }));
  } catch (error) {
    console.error(describeError(error));
    return 2;
  }
  const profile = (values.profile ?? 'casdoor') as ProfileName;
  const port = Number(values.port ?? 0);
  if (!PROFILES.includes(profile) || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: demo-iam [--profile casdoor|hanzo-v1|spec] [--port N] [--fault name[=value]]...');
    return 2;
  }
  let faults;
  try {
    faults = parseFaults(values.fault ?? []);
  } catch (error) {
    console.error(describeError(error));
    return 2;
  }
  const emulator = await startEmulator({ profile, port, faults });
  const lines: [string, string][] = [
    ['Profile', profile],
    ['MCP URL', emulator.mcpUrl],
    ['Issuer', emulator.issuer],
    ['Client ID', emulator.clientId],
    ['Organization', emulator.organization],
    ['User', `${emulator.users.admin.username} / ${emulator.users.admin.password}`],
    ['Other user', `${emulator.users.user.username} / ${emulator.users.user.password}`],
    ['Redirect URIs', emulator.redirectUris.join(', ')],
    ['Faults', (values.fault ?? []).join(', ') || 'none'],
  ];
  if (emulator.caPem) {
    const caFile = join(mkdtempSync(join(tmpdir(), 'iam-demo-')), 'ca.pem');
    writeFileSync(caFile, emulator.caPem);
    lines.push(['CA file', caFile]);
  }
  process.stdout.write(lines.map(([k, v]) => `${k}: ${v}\n`).join(''));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
