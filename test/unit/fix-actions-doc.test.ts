/** Every fixAction id the code can produce is listed in docs/fix-actions.md, and the CLI phrases the ones it can do. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { phraseFix } from '../../main/cli/fix-phrases.js';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...await sources(p));
    else if (e.name.endsWith('.ts')) out.push(await fs.readFile(p, 'utf8'));
  }
  return out;
}

it('every action id in main/core is documented, with a CLI phrase for the ones the CLI does', async () => {
  const code = (await sources(path.resolve('main/core'))).join('\n');
  const ids = [...new Set([...code.matchAll(/action: '([a-z]+\.[a-z-]+)'/g)].map((m) => m[1]!))];
  expect(ids.length).toBeGreaterThan(10);
  const doc = await fs.readFile(path.resolve('docs/fix-actions.md'), 'utf8');
  for (const id of ids) expect(doc, id).toContain(`| \`${id}\` |`);
  for (const id of ids.filter((x) => x.startsWith('verify.') || x.startsWith('config.') || x.startsWith('run.'))) {
    expect(phraseFix({ action: id }), id).toBeTruthy();
  }
  expect(phraseFix({ action: 'config.set-scopes', scopes: 'openid application:read' })).toContain('--scopes "openid application:read"');
});

it('core\'s fix words name no CLI flag or command (each door phrases the action)', async () => {
  const code = (await sources(path.resolve('main/core'))).join('\n');
  const fixes = [...code.matchAll(/fix(?:With\(|: )[`'"]([^`'"]*)/g)].map((m) => m[1]!);
  expect(fixes.length).toBeGreaterThan(30);
  const cliFlags = /iam-mcp-helper |--(?:scopes|config|timeout|callback-port|client-id|client-secret|headless|browser-command|ca|url|use-bridge-cache|name)\b/;
  expect(fixes.filter((f) => cliFlags.test(f))).toEqual([]);
});
