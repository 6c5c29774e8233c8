import { defineConfig } from 'vitest/config';

// Tests never load the real `electron` module: ELECTRON_OVERRIDE_DIST_PATH keeps anything that
// does from trying to download the binary (see design.md, "Toolchain facts").
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
