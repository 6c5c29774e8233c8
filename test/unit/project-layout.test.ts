import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('electron-builder.yml', () => {
  it('parses and names the dmg, nsis, AppImage and deb targets', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, { target: string[] }> & { appId: string; productName: string };
    expect(config.appId).toMatch(/\./);
    expect(config.productName).toBe('IAM MCP Helper');
    expect(config.mac?.target).toContain('dmg');
    expect(config.win?.target).toContain('nsis');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });
});

/** Every file the project ships or tests with, outside the folders git ignores (.gitignore). */
function projectFiles(dir = '.', out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (['node_modules', 'dist', '.git', '.tmp', 'test-results'].includes(entry.name) || rel === 'renderer/dist') continue;
      projectFiles(rel, out);
    } else if (entry.isFile() && !entry.name.endsWith('.log')) {
      out.push(rel);
    }
  }
  return out;
}

/**
 * The project stands alone: a comment or doc cites the RFC, the spec, or a page under docs/, never
 * a document that lives outside the repository or a tracker's numbering.
 */
describe('references stay inside the repository', () => {
  const outside: Array<[string, RegExp]> = [
    ['a design-notes file outside docs/', /\bdesign\.md\b/],
    ['the facts file outside the repository (use docs/iam-facts.md)', /hanzo-iam-facts\.md/],
    ['a tracker issue number', /\b[Ii]ssues? #?\d+\b(?![./-]\d)/],
    ['a sibling folder of the repository', /\.\.\/shared\/(docs|acceptance|seed|hooks)\b|`\.\.\/shared`/],
  ];

  it('no file outside docs/ cites documents outside the repository', () => {
    const found: string[] = [];
    for (const file of projectFiles().filter((f) => !f.startsWith('docs/'))) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\u0000')) continue;
      text.split('\n').forEach((line, i) => {
        for (const [what, pattern] of outside) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
        // No module of the project lives in a folder named shared: such a relative path leaves the repository.
        if (/\.\.\/shared\//.test(line)) found.push(`${file}:${i + 1}: a path outside the repository: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the pages the code cites exist', () => {
    expect(existsSync('docs/iam-facts.md')).toBe(true);
    expect(existsSync('docs/architecture.md')).toBe(true);
    expect(readFileSync('README.md', 'utf8')).toContain('](docs/iam-facts.md)');
  });

  it('the patterns catch what they are for and spare ordinary text', () => {
    const hits = (line: string) => outside.some(([, p]) => p.test(line));
    expect(hits(`see ${'design'}.md §7`)).toBe(true);
    expect(hits(`(${'hanzo-iam'}-facts.md, guide error 2)`)).toBe(true);
    expect(hits(`Verify through the bridge (${'issue'} 6): spawn`)).toBe(true);
    expect(hits(`${'Issue'} 2 "bad input"`)).toBe(true);
    expect(hits(`(see \`../${'shared'}/docs/x.md\`)`)).toBe(true);
    expect(hits("import type { CheckResult } from '../../contract/check.js';")).toBe(false);
    expect(hits('RFC 8414 §3.3; MCP 2025-11-25 §Step-Up; mcpb issue tracker')).toBe(false);
    expect(hits('the docs/architecture.md page and docs/iam-facts.md, Redirect URIs')).toBe(false);
  });
});
