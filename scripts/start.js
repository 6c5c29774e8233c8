#!/usr/bin/env node
// `npm start`: opens the desktop app. Where the Electron binary is missing and cannot be fetched
// (it is downloaded from GitHub on first use), say so in one line and open the same app in the
// default browser instead (`iam-mcp-helper ui`, served on 127.0.0.1 only). Extra arguments go to
// the app (e.g. `npm start -- --config /tmp/c.json`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const extra = process.argv.slice(2);

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  // Ctrl-C reaches the child through the terminal's process group; wait for it to stop cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath === 'string' && existsSync(electronPath)) {
  run(electronPath, ['.', ...extra]);
} else {
  process.stderr.write('IAM MCP Helper: the Electron binary is not installed on this machine, so the app opens in your browser instead.\n');
  run(process.execPath, [fileURLToPath(new URL('../bin/iam-mcp-helper.js', import.meta.url)), 'ui', ...extra]);
}
