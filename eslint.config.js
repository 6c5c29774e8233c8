// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layering rule (docs/architecture.md, Conventions 1): only main/electron/* and the preload may import `electron`. */
const noElectron = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: 'Only main/electron/* and the preload may import electron.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', AbortController: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...noElectron,
    },
  },
  { files: ['main/electron/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);
