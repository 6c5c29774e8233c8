/**
 * The real BundleDeps: node:fs, and the official @anthropic-ai/mcpb package (loaded on first use)
 * for the manifest schema and packing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BundleDeps, McpbApi } from './build-bundle.js';

/**
 * @anthropic-ai/mcpb's schema for the manifest's own version, and its packExtension. packExtension
 * re-validates with validateManifest, which prints to console.log even when `silent`: that print
 * is held back so a `--json` stdout stays one document.
 */
export const officialMcpb: McpbApi = {
  async check(manifest) {
    const { MANIFEST_SCHEMAS } = await import('@anthropic-ai/mcpb');
    const version = (manifest as { manifest_version?: string }).manifest_version as keyof typeof MANIFEST_SCHEMAS;
    const schema = MANIFEST_SCHEMAS[version];
    if (!schema) return [`unknown manifest_version ${String(version)}`];
    const r = schema.safeParse(manifest);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  },
  async pack(dir, outputPath) {
    const { packExtension } = await import('@anthropic-ai/mcpb');
    const log = console.log;
    console.log = () => undefined;
    try { return await packExtension({ extensionPath: dir, outputPath, silent: true }); } finally { console.log = log; }
  },
};

export function nodeBundleDeps(tmpdir: string): BundleDeps {
  return {
    tmpdir, mcpb: officialMcpb,
    fs: {
      readFile: (file) => fs.readFile(file, 'utf8'),
      writeFile: (file, text) => fs.writeFile(file, text),
      mkdir: async (dir) => { await fs.mkdir(dir, { recursive: true }); },
      mkdtemp: (prefix) => fs.mkdtemp(prefix),
      copyPackage: (from, to) => fs.cp(from, to, { recursive: true, filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'node_modules' }),
      rm: (dir) => fs.rm(dir, { recursive: true, force: true }),
      size: async (file) => (await fs.stat(file)).size,
    },
  };
}
