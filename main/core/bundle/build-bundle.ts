/**
 * buildBundle: a Claude Desktop extension bundle (.mcpb, docs/claude-routes.md "Route C") whose
 * server runs the pinned mcp-remote SHIPPED INSIDE it: mcp-remote and its installed production
 * dependency tree are copied into `server/node_modules` with their node_modules layout, so Claude's
 * built-in Node resolves exactly what the helper's own tests run (no npx, no network install).
 * The manifest is checked with the official @anthropic-ai/mcpb schema for its version and packed
 * with its packExtension. Same inputs and callback (port, host, path) as `setup` writes.
 */
import path from 'node:path';
import { buildIamEntry, DEFAULT_SCOPES } from '../config/entry-builder.js';
import { HelperError } from '../errors.js';
import { BRIDGE_CALLBACK_HOST, BRIDGE_CALLBACK_PATH, MCP_REMOTE_PACKAGE } from '../mcp-remote-facts.js';
import { productionTree, resolvePackageDir } from './dependency-tree.js';
import { bridgeRequirements, HELPER_DIR } from '../bridge-tools/node-requirement.js';
import { SERVER_SCRIPT } from './server-script.js';

export const MANIFEST_VERSION = '0.2';

export interface BundleInput {
  url: string;
  clientId: string;
  scopes?: string;
  callbackPort?: number;
  allowHttp?: boolean;
  /** Where the .mcpb is written. */
  outputPath: string;
}

export interface BundleFs {
  readFile(file: string): Promise<string>;
  writeFile(file: string, text: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  mkdtemp(prefix: string): Promise<string>;
  /** Copies a package folder, leaving out its own node_modules. */
  copyPackage(from: string, to: string): Promise<void>;
  rm(dir: string): Promise<void>;
  size(file: string): Promise<number>;
}

export interface McpbApi {
  /** Schema-checks a manifest for its manifest_version; returns the problems (empty when valid). */
  check(manifest: unknown): Promise<string[]>;
  /** Packs a folder holding manifest.json into a .mcpb; false when it failed. */
  pack(dir: string, outputPath: string): Promise<boolean>;
}

export interface BundleDeps {
  fs: BundleFs;
  tmpdir: string;
  mcpb: McpbApi;
  /** Where the search for the installed mcp-remote starts (default: the helper's own folder). */
  modulesFrom?: string;
}

export interface BundleResult {
  outputPath: string;
  size: number;
  manifest: Record<string, unknown>;
  mcpRemoteVersion: string;
  packages: number;
  callbackPort: number;
  redirectUris: string[];
  warnings: string[];
}

function bundleName(url: string): string {
  const host = new URL(url).hostname.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `hanzo-iam-${host || 'server'}`;
}

export function bundleManifest(input: BundleInput, o: { callbackPort: number; scopes: string; allowHttp: boolean; mcpRemoteVersion: string; nodeRange?: string }): Record<string, unknown> {
  return {
    manifest_version: MANIFEST_VERSION,
    name: bundleName(input.url),
    display_name: `Hanzo IAM (${new URL(input.url).host})`,
    version: '1.0.0',
    description: `Hanzo IAM's MCP server at ${input.url}, through mcp-remote ${o.mcpRemoteVersion} shipped inside this extension.`,
    author: { name: 'IAM MCP Helper' },
    server: {
      type: 'node',
      entry_point: 'server/index.mjs',
      mcp_config: {
        command: 'node',
        args: ['${__dirname}/server/index.mjs'],
        env: {
          IAM_MCP_URL: input.url, IAM_CALLBACK_PORT: String(o.callbackPort), IAM_CALLBACK_HOST: BRIDGE_CALLBACK_HOST, IAM_CALLBACK_PATH: BRIDGE_CALLBACK_PATH,
          IAM_ALLOW_HTTP: o.allowHttp ? 'true' : 'false', IAM_CLIENT_ID: '${user_config.client_id}', IAM_SCOPES: '${user_config.scopes}',
        },
      },
    },
    user_config: {
      client_id: { type: 'string', title: 'Client ID', description: 'The Client ID of the application in Hanzo IAM (its page in IAM shows it).', required: true, default: input.clientId.trim() },
      scopes: { type: 'string', title: 'Scopes', description: `Space-separated scopes to request (default: ${DEFAULT_SCOPES}).`, required: false, default: o.scopes },
    },
    ...(o.nodeRange ? { compatibility: { runtimes: { node: o.nodeRange } } } : {}),
    keywords: ['hanzo', 'iam', 'oauth', 'mcp-remote'],
  };
}

export async function buildBundle(input: BundleInput, deps: BundleDeps): Promise<BundleResult> {
  // The same validation and callback as `setup` (entry-builder.ts): URL, client ID, scopes, port.
  const built = buildIamEntry({ mcpUrl: input.url, clientId: input.clientId, ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
    platform: 'linux', ...(input.callbackPort ? { callbackPort: input.callbackPort } : {}), ...(input.allowHttp ? { allowHttp: true } : {}) });
  const allowHttp = built.entry.args.includes('--allow-http');
  const from = deps.modulesFrom ?? HELPER_DIR;
  const remoteDir = await resolvePackageDir(deps.fs, from, MCP_REMOTE_PACKAGE);
  if (!remoteDir) throw new HelperError('BUNDLE_NO_MCP_REMOTE', `${MCP_REMOTE_PACKAGE} is not installed next to the helper; reinstall iam-mcp-helper (npm install) and try again`);
  const modulesRoot = path.dirname(remoteDir);
  const tree = await productionTree(deps.fs, remoteDir);
  const reqs = await bridgeRequirements(deps.fs, from);
  const manifest = bundleManifest(input, { callbackPort: built.callbackPort, scopes: built.scopes, allowHttp, mcpRemoteVersion: tree[0]!.version, ...(reqs.requirements[0] ? { nodeRange: reqs.requirements[0].range } : {}) });
  const problems = await deps.mcpb.check(manifest);
  if (problems.length) throw new HelperError('BUNDLE_MANIFEST_INVALID', `the bundle manifest does not pass the MCPB schema: ${problems.join('; ')}`);

  const stage = await deps.fs.mkdtemp(path.join(deps.tmpdir, 'iam-mcpb-'));
  try {
    const root = path.join(stage, manifest.name as string);
    await deps.fs.mkdir(path.join(root, 'server', 'node_modules'));
    for (const pkg of tree) {
      const rel = path.relative(modulesRoot, pkg.dir);
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw new HelperError('BUNDLE_LAYOUT', `${pkg.name} is installed outside ${modulesRoot}; reinstall iam-mcp-helper with npm install`);
      await deps.fs.copyPackage(pkg.dir, path.join(root, 'server', 'node_modules', rel));
    }
    await deps.fs.writeFile(path.join(root, 'server', 'index.mjs'), SERVER_SCRIPT);
    await deps.fs.writeFile(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await deps.fs.mkdir(path.dirname(input.outputPath));
    if (!(await deps.mcpb.pack(root, input.outputPath))) throw new HelperError('BUNDLE_PACK_FAILED', `packing ${input.outputPath} failed; check that the folder is writable and try again`);
  } finally {
    await deps.fs.rm(stage);
  }
  return {
    outputPath: input.outputPath, size: await deps.fs.size(input.outputPath), manifest, mcpRemoteVersion: tree[0]!.version, packages: tree.length,
    callbackPort: built.callbackPort, redirectUris: built.redirectUris, warnings: built.warnings,
  };
}
