import { describe, expect, it } from 'vitest';
import { HelperError } from '../../../main/core/errors.js';
import { parseConfigText } from '../../../main/core/config/parse.js';
import { detectFormatting, setServerEntry } from '../../../main/core/config/edit.js';

function errorOf(text: string): HelperError {
  try {
    parseConfigText(text, 'c.json');
  } catch (error) {
    if (error instanceof HelperError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseConfigText (strict JSON, as Claude Desktop reads it)', () => {
  it('reports invalid JSON with line, column and an excerpt', () => {
    const e = errorOf('{\n  "mcpServers": {,}\n}\n');
    expect(e.code).toBe('CONFIG_INVALID_JSON');
    expect(e.detail).toMatchObject({ line: 2, column: 18 });
    expect(e.message).toContain('c.json:2:18');
    expect(e.detail?.excerpt).toBe('  "mcpServers": {,}\n                 ^');
  });

  it('rejects comments and trailing commas instead of accepting them', () => {
    expect(errorOf('{\n  // note\n  "a": 1\n}').detail).toMatchObject({ line: 2, column: 3 });
    expect(errorOf('{"a": 1,\n}').detail).toMatchObject({ line: 2, column: 1 });
    expect(errorOf('{"a": [1, 2,]}').code).toBe('CONFIG_INVALID_JSON');
  });

  it('rejects an empty file and a truncated one', () => {
    expect(errorOf('').detail).toMatchObject({ line: 1, column: 1, error: 'the file is empty' });
    expect(errorOf('{"a": ').code).toBe('CONFIG_INVALID_JSON');
  });

  it('rejects a root that is not an object, and mcpServers that is not an object', () => {
    expect(errorOf('[]').code).toBe('CONFIG_ROOT_NOT_OBJECT');
    expect(errorOf('"x"').message).toContain('found a string');
    expect(errorOf('{"mcpServers": []}').code).toBe('CONFIG_SERVERS_NOT_OBJECT');
    expect(errorOf('{"mcpServers": null}').message).toContain('found null');
  });

  it('accepts a valid file with or without mcpServers', () => {
    expect(parseConfigText('{"a":1}').mcpServers).toBeUndefined();
    expect(parseConfigText('{"mcpServers":{"x":{}}}').mcpServers).toEqual({ x: {} });
  });
});

describe('setServerEntry', () => {
  it('detects tabs, widths and CRLF', () => {
    expect(detectFormatting('{\n\t"a": 1\n}')).toMatchObject({ insertSpaces: false });
    expect(detectFormatting('{\r\n    "a": {\r\n        "b": 1}\r\n}')).toEqual({ insertSpaces: true, tabSize: 4, eol: '\r\n' });
    expect(detectFormatting('{"a":1}')).toMatchObject({ tabSize: 2, eol: '\n' });
  });

  it('keeps CRLF and tab indentation in the inserted text', () => {
    const out = setServerEntry('{\r\n\t"other": true\r\n}\r\n', 'iam', { command: 'npx' }).text;
    expect(out).toBe('{\r\n\t"other": true,\r\n\t"mcpServers": {\r\n\t\t"iam": {\r\n\t\t\t"command": "npx"\r\n\t\t}\r\n\t}\r\n}\r\n');
  });

  it('replaces an existing entry in place, keeps its neighbours, and is a no-op when equal', () => {
    const text = '{"mcpServers": {"a": 1, "iam": {"command": "old"}, "z": 2}}';
    const first = setServerEntry(text, 'iam', { command: 'new' });
    expect(first).toMatchObject({ changed: true, replaced: true });
    expect(Object.keys(JSON.parse(first.text).mcpServers)).toEqual(['a', 'iam', 'z']);
    expect(first.text.startsWith('{"mcpServers": {"a": 1, "iam": ')).toBe(true);
    expect(setServerEntry(first.text, 'iam', { command: 'new' })).toEqual({ text: first.text, changed: false, replaced: true });
  });

  it('creates a new file when there is none', () => {
    expect(JSON.parse(setServerEntry(undefined, 'iam', { command: 'x' }).text)).toEqual({ mcpServers: { iam: { command: 'x' } } });
  });

  it('does not re-lay out a hand-formatted neighbour line', () => {
    const text = '{\n    "a": 1,\n    "preferences": {"x": [1, 2]}\n}\n';
    const out = setServerEntry(text, 'iam', { command: 'npx' }).text;
    expect(out).toBe('{\n    "a": 1,\n    "preferences": {"x": [1, 2]},\n    "mcpServers": {\n        "iam": {\n            "command": "npx"\n        }\n    }\n}\n');
  });

  it('inserts compact into a one-line file', () => {
    expect(setServerEntry('{"a":{"b":1}}', 'iam', { c: 1 }).text).toBe('{"a":{"b":1},"mcpServers": {"iam":{"c":1}}}');
  });
});

describe('lineDiff', () => {
  it('shows removals before additions, and nothing for equal text', async () => {
    const { lineDiff } = await import('../../../main/core/config/diff.js');
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n', ['x', 'y'])).toBe('--- x\n+++ y\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n');
    expect(lineDiff('same\n', 'same\n')).toBe('');
  });
});

describe('a syntax error never quotes a secret', () => {
  it('the excerpt and the message of an unparseable line holding a token are masked; line and column stay', () => {
    const GH = 'ghp_Zq8vR2mK5tW9xY3nB7cD1fG4hJ6kL0pS2uA8eT';
    const text = `{\n  "mcpServers": {\n    "gh": {"command": "npx", "args": ["-y", "gh-mcp"], "env": {"GITHUB_TOKEN": "${GH}" },}\n  }\n}\n`;
    let error: HelperError | undefined;
    try { parseConfigText(text, 'c.json'); } catch (e) { error = e as HelperError; }
    expect(error?.code).toBe('CONFIG_INVALID_JSON');
    const shown = `${error?.message} ${JSON.stringify(error?.detail)}`;
    for (let i = 0; i + 8 <= GH.length; i++) expect(shown).not.toContain(GH.slice(i, i + 8));
    expect(error?.detail).toMatchObject({ line: 3, column: 127 });
    const [line, caret] = String(error?.detail?.excerpt).split('\n');
    expect(line).toContain('"GITHUB_TOKEN": "ghp_…(42 chars)" },}');
    expect(line![caret!.indexOf('^')]).toBe('}');
  });
});
