import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// docs/architecture.md, Conventions 1: only main/electron/* (and the preload) may import `electron`.
describe('lint rule keeping electron inside main/electron', () => {
  const eslint = new ESLint();
  const source = "import { app } from 'electron';\nexport const name = app.getName();\n";

  it('rejects an electron import in core', async () => {
    const [result] = await eslint.lintText(source, { filePath: 'main/core/config/x.ts' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('allows it in main/electron', async () => {
    const [result] = await eslint.lintText(source, { filePath: 'main/electron/x.ts' });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
