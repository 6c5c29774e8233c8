// Bundles the compiled CLI (dist/main/cli/index.js, from tsc) into a few ESM chunks under
// dist/cli/, so `iam-mcp-helper` starts from ~10 files instead of ~200 (Node 20's ESM loader
// pays per file). Dynamic imports stay split: each command, the MCP SDK and openid-client load
// only on the paths that use them. Measured by bench/doctor.mjs.
import { builtinModules } from 'node:module';
import { defineConfig } from 'rolldown';

const cli = {
  input: { index: 'dist/main/cli/index.js' },
  platform: 'node',
  // jsonc-parser's `main` is a UMD build with runtime requires; its `module` build bundles.
  resolve: { mainFields: ['module', 'main'] },
  // `open` finds its bundled xdg-open next to its own file (import.meta.url); undici (verify's
  // CA-pinned fetch) is large and used on one path only. Both stay plain imports from node_modules.
  external: [...builtinModules, /^node:/, 'open', /^undici(\/|$)/],
  output: { dir: 'dist/cli', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: false },
  logLevel: 'warn',
};

// The desktop window's preload runs sandboxed: one CommonJS file that may require only `electron`.
const preload = {
  input: 'main/electron/preload.ts',
  platform: 'node',
  external: ['electron'],
  output: { file: 'dist/main/electron/preload.cjs', format: 'cjs', sourcemap: false },
  logLevel: 'warn',
};

export default defineConfig([cli, preload]);
