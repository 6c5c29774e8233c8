#!/usr/bin/env node
// Entry of the `iam-mcp-helper` CLI. The TypeScript sources are compiled by `npm run build`
// (run by `prepare` on install), so the CLI starts with plain Node and no loader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('iam-mcp-helper: not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
