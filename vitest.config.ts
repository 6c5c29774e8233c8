import { defineConfig } from 'vitest/config';

// Tests never load the real `electron` module: ELECTRON_OVERRIDE_DIST_PATH keeps anything that
// does from trying to download the binary (see docs/architecture.md, "Toolchain facts").
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/helpers/unit-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
