import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../main/core/config/diff.js';
import { maskConfigSecrets } from '../../../main/core/http/redact-json.js';

const GH = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
const config = (servers: string) => `{\n  "theme": "dark",\n  "a": 1,\n  "b": 2,\n  "c": 3,\n  "d": 4,\n  "e": 5,\n  "mcpServers": {\n${servers}\n  }\n}\n`;
const github = `    "github": {"command": "npx", "args": ["-y", "gh", "--header", "Authorization: Bearer ${GH}"], "env": {"GITHUB_TOKEN": "${GH}", "NESTED": "x"}}`;

describe('lineDiff: unified hunks with masked secrets', () => {
  it('shows 3 lines of context around each change, not the whole file, in GNU -u form', () => {
    const before = Array.from({ length: 20 }, (_v, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', 'line 18\nadded\n');
    expect(lineDiff(before, after, ['x', 'y'])).toBe([
      '--- x', '+++ y',
      '@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+line two', ' line 3', ' line 4', ' line 5',
      '@@ -16,5 +16,6 @@', ' line 16', ' line 17', ' line 18', '+added', ' line 19', ' line 20', '',
    ].join('\n'));
    // Changes 6 unchanged lines apart share a hunk; a new file is one hunk from line 0.
    expect(lineDiff('1\n2\n3\n4\n5\n6\n7\n8\n', 'x\n2\n3\n4\n5\n6\n7\ny\n').split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,8 +1,8 @@']);
    expect(lineDiff('', '{\n}\n', ['/dev/null', 'c'])).toBe('--- /dev/null\n+++ c\n@@ -0,0 +1,2 @@\n+{\n+}\n');
  });

  it('never prints another server\'s env values or bearer tokens, even on changed lines', () => {
    const before = config(github);
    const after = config(`${github},\n    "iam": {"command": "npx", "args": ["mcp-remote"]}`);
    const diff = lineDiff(before, after);
    expect(diff).not.toContain(GH);
    expect(diff).toContain('"GITHUB_TOKEN": "ghp_…(42 chars)"');
    expect(diff).toContain('+    "iam"');
    expect(diff).not.toContain('"theme"');
    // A changed secret is still shown as a change (compared raw, printed masked).
    const rotated = before.replace(`"GITHUB_TOKEN": "${GH}"`, `"GITHUB_TOKEN": "${GH.replace('AB', 'CD')}"`);
    const d2 = lineDiff(before, rotated);
    expect(d2).toMatch(/^-.*GITHUB_TOKEN/m);
    expect(d2).toMatch(/^\+.*GITHUB_TOKEN/m);
    expect(d2).not.toContain(GH.slice(10));
  });

  it('masks env values, secret-named keys and secret-shaped strings only; keeps the line structure', () => {
    const text = `{\n  // jsonc\n  "mcpServers": {"s": {"env": {"API_KEY": "k3y-value-123", "DEEP": {"X": "deep-secret-1"}}, "client_secret": "sh0rt", "args": ["-y", "x"]}},\n}\n`;
    const shown = maskConfigSecrets(text);
    expect(shown).not.toMatch(/k3y-value-123|deep-secret-1|sh0rt/);
    expect(shown).toContain('"args": ["-y", "x"]');
    expect(shown.split('\n')).toHaveLength(text.split('\n').length);
    expect(maskConfigSecrets('{"a": "b"}')).toBe('{"a": "b"}');
  });
});

describe('maskConfigSecrets: secrets outside env', () => {
  const SK = 'sk-live-4f9Qw7Er2Ty5Ui8Op1As3Df6Gh9Jk';
  const PW = 'Pa55w0rdQuux7731';
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXBsYW50ZWQ';
  it('masks args after secret flags, --flag=value, URL userinfo and query, Authorization headers', () => {
    const text = JSON.stringify({ mcpServers: {
      gh: { command: 'npx', args: ['-y', 'gh-mcp', '--token', GH, `--api-key=${SK}`] },
      db: { command: 'db', args: [`https://admin:${PW}@db.example.com/x?api_key=${PW}`, '--header', `Authorization: Bearer ${JWT}`], note: `DB_PASSWORD=${PW}` },
    } }, null, 2);
    const shown = maskConfigSecrets(text);
    for (const s of [GH, SK, PW, JWT.split('.')[2]!]) expect(shown).not.toContain(s.slice(-10));
    expect(shown.split('\n')).toHaveLength(text.split('\n').length);
    expect(shown).toContain('"gh-mcp"');
    expect(shown).toContain('db.example.com/x');
  });

  it('a broken document is masked too: strings the parser lost, unquoted credentials', () => {
    const text = `{"mcpServers": {"a": {"env": {"GITHUB_TOKEN": "${GH}" },}, "b": ["x" "${SK}"], c: ${PW}\n`;
    const shown = maskConfigSecrets(text);
    for (const s of [GH, SK, PW]) expect(shown).not.toContain(s.slice(-10));
  });
});
