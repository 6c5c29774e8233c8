#!/usr/bin/env node
// `npm start`: launches the desktop app. Where the Electron binary is missing and cannot be
// fetched (it is downloaded from GitHub on first use), say so in one line and point to the CLI.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const noElectron = () => {
  process.stderr.write('IAM MCP Helper: the Electron binary is not available on this machine (it could not be downloaded); use the CLI instead: npx iam-mcp-helper --help\n');
  process.exit(1);
};
let electronPath;
try {
  electronPath = require('electron');
} catch {
  noElectron();
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) noElectron();
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
