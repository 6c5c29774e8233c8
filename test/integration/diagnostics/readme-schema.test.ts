/** The `--json` document matches the schema README.md documents (section "CLI: doctor"). */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDoctor } from '../../../main/core/diagnostics/doctor.js';
import { fakeBin, jwt, mcpRemoteEntry, startFakeRegistry, tempDir, testDeps, writeConfig, type FakeRegistry } from './helpers.js';

let registry: FakeRegistry;
beforeAll(async () => { registry = await startFakeRegistry(); });
afterAll(async () => { await registry.close(); });

/** Keys declared directly inside the `{ … }` that follows `label` in the README's ts block. */
function documentedKeys(block: string, label: string): { keys: string[]; optional: Set<string>; body: string } {
  const at = block.indexOf(label);
  expect(at, `README schema has ${label}`).toBeGreaterThan(-1);
  let depth = 0; let i = block.indexOf('{', at); const from = i;
  for (; i < block.length; i++) { if (block[i] === '{') depth++; if (block[i] === '}' && --depth === 0) break; }
  const body = block.slice(from + 1, i).replace(/\/\/.*$/gm, '');
  const flat = body.replace(/\{[^{}]*\}/g, '{}');
  const found = [...flat.matchAll(/(\w+)(\??):/g)];
  return { keys: found.map((m) => m[1]!), optional: new Set(found.filter((m) => m[2] === '?').map((m) => m[1]!)), body };
}

it('every key of the output is documented, every required key is present, and the enums agree', async () => {
  const readme = await fs.readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## CLI: doctor'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const top = documentedKeys(block, '{').keys;
  const target = documentedKeys(block, 'target:');
  const check = documentedKeys(block, 'Array<');

  const home = await tempDir();
  await fakeBin(home);
  const configPath = await writeConfig(home, { iam: mcpRemoteEntry('https://iam.example.com/api/mcp', 'abc', 'openid application:read') });
  const token = await jwt({ scope: 'openid application:read' });
  const report = await runDoctor({ configPath, offline: true, token: { accessToken: token, origin: 'flag' } }, testDeps(home, registry.url));
  const doc = JSON.parse(JSON.stringify(report)) as Record<string, unknown> & { target: Record<string, unknown>; checks: Record<string, unknown>[] };

  expect(Object.keys(doc).sort()).toEqual([...top].sort());
  expect(Object.keys(doc.target).filter((k) => !target.keys.includes(k))).toEqual([]);
  for (const k of target.keys.filter((x) => !target.optional.has(x))) expect(doc.target).toHaveProperty(k);
  expect(target.body).toContain(`'${String(doc.target.tokenSource)}'`);
  for (const c of doc.checks) {
    expect(Object.keys(c).filter((k) => !check.keys.includes(k)), String(c.id)).toEqual([]);
    for (const k of check.keys.filter((x) => !check.optional.has(x))) expect(c, String(c.id)).toHaveProperty(k);
    if (c.fixAction) expect(readme).toContain(`\`${(c.fixAction as { action: string }).action}\``);
  }
  expect(Object.keys(doc.summary as object).sort()).toEqual(['fail', 'pass', 'skip', 'warn']);
});
