#!/usr/bin/env node
// Entry of the `iam-mcp-helper` CLI. `npm run build` (run by `prepare` on install) compiles the
// TypeScript with tsc and bundles the CLI into dist/cli/ (rolldown.config.mjs), so the CLI starts
// with plain Node, no loader, and a handful of files to read.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node >= 22.1 keeps V8's compiled code for these files on disk (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such API and compiles on every start.
module.enableCompileCache?.();

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('iam-mcp-helper: not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A cancelled run (130) has printed its result: a socket or child still closing must not hold the exit.
if (code === 130) setTimeout(() => process.exit(code), 100).unref();
