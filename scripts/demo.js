#!/usr/bin/env node
// `npm run demo`: the demo IAM (the emulator in test/iam, built to dist/test/iam) and the app
// prefilled with its MCP URL and client ID, working on a config file in a temp folder — never
// your real Claude Desktop config. Sign in as admin / 123. Ctrl-C stops both and removes the folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const emulatorEntry = path.join(root, 'dist/test/iam/index.js');
if (!existsSync(emulatorEntry)) {
  process.stderr.write('The demo IAM is not built yet; run `npm run build`, then `npm run demo` again.\n');
  process.exit(1);
}
const { startEmulator } = await import(emulatorEntry);
const iam = await startEmulator({ profile: 'casdoor' });
const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-mcp-helper-demo-'));
const config = path.join(dir, 'claude_desktop_config.json');
writeFileSync(config, '{\n  "mcpServers": {}\n}\n');
process.stdout.write([
  'Demo IAM running:',
  `  MCP URL:   ${iam.mcpUrl}`,
  `  Client ID: ${iam.clientId}`,
  `  Sign in:   ${iam.users.admin.username} / ${iam.users.admin.password}`,
  `  Config:    ${config} (a temp file; your real Claude Desktop config is not touched)`,
  '',
].join('\n'));

const app = spawn(process.execPath, [path.join(root, 'scripts/start.js'), '--config', config, '--url', iam.mcpUrl, '--client-id', iam.clientId], { stdio: 'inherit', cwd: root });
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) app.kill('SIGINT');
  await iam.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));
app.on('exit', (code) => void stop(code ?? 0));
