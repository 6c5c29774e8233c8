import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setServerEntry } from '../../../main/core/config/edit.js';
import { lineDiff } from '../../../main/core/config/diff.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';

/** JSON-safe keys (jsonc-parser and JSON.parse treat `__proto__` differently). */
const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__');
const value = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const obj = (v: fc.Arbitrary<unknown>) => fc.dictionary(key, v, { maxKeys: 5 });
const indent = fc.constantFrom<string | number>(0, 1, 2, 3, 4, 8, '\t');

const config = fc.record({
  before: obj(value),
  servers: fc.option(obj(obj(value)), { nil: undefined }),
  after: obj(value),
  indent,
  crlf: fc.boolean(),
  name: fc.constantFrom('iam', 'files', 'my server', ''),
  scopes: fc.constantFrom('openid', 'openid profile email application:read', 'user:read user:write'),
  platform: fc.constantFrom<NodeJS.Platform>('linux', 'darwin', 'win32'),
  port: fc.integer({ min: 1, max: 65535 }),
});

describe('setServerEntry property', () => {
  it('keeps every other key in meaning and order, yields strict JSON, equals the builder output, and is idempotent', () => {
    fc.assert(fc.property(config, (c) => {
      const root: Record<string, unknown> = { ...c.before };
      delete root.mcpServers;
      if (c.servers !== undefined) root.mcpServers = c.servers;
      for (const [k, v] of Object.entries(c.after)) if (k !== 'mcpServers' && !(k in root)) root[k] = v;
      let text = `${JSON.stringify(root, null, c.indent)}\n`;
      if (c.crlf) text = text.replace(/\n/g, '\r\n');
      const { entry } = buildIamEntry({ mcpUrl: 'https://iam.example.com/api/mcp', clientId: 'cid', scopes: c.scopes, platform: c.platform, callbackPort: c.port, sideFileDir: 'C:\\b' });

      const out = setServerEntry(text, c.name, entry);
      const parsed = JSON.parse(out.text) as Record<string, unknown>;
      // Expected: the original object with mcpServers[name] set (in place if it existed, else appended).
      const expected = JSON.parse(text) as Record<string, unknown>;
      if (expected.mcpServers === undefined) expected.mcpServers = {};
      (expected.mcpServers as Record<string, unknown>)[c.name] = entry;
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(expected));
      expect((parsed.mcpServers as Record<string, unknown>)[c.name]).toEqual(entry);
      // Untouched text before mcpServers stays byte-identical.
      const at = text.indexOf('"mcpServers"');
      if (at > 0) expect(out.text.slice(0, at)).toBe(text.slice(0, at));
      if (c.crlf) expect(out.text.replace(/\r\n/g, '')).not.toContain('\n');
      // A new entry only adds lines, plus a `,` at the end of at most one existing line...
      const existed = c.servers !== undefined && Object.hasOwn(c.servers, c.name);
      if (!existed && text.trim().includes('\n')) {
        const diff = lineDiff(text, out.text).split('\n').slice(2);
        const removed = diff.filter((l) => l.startsWith('-'));
        expect(removed.length).toBeLessThanOrEqual(1);
        // ...or an empty `{}` that opens to hold the entry.
        for (const r of removed) {
          const open = /^(.*\{)\},?$/.exec(r.slice(1));
          const opened = open !== null && diff.includes(`+${open[1]}`);
          expect(opened || diff.includes(`+${r.slice(1)},`)).toBe(true);
        }
      }
      const again = setServerEntry(out.text, c.name, entry);
      expect(again.changed).toBe(false);
      expect(again.text).toBe(out.text);
    }), { numRuns: 1000 });
  });
});
