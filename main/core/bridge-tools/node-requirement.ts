/**
 * The Node.js version the pinned mcp-remote needs, read from the INSTALLED packages (its own
 * `engines.node` and every production dependency's, e.g. undici 7's `>=20.18.1`), compared with
 * semver, never a hard-coded major (docs/claude-routes.md, "Route B").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { MCP_REMOTE_PACKAGE } from '../mcp-remote-facts.js';
import { productionTree, resolvePackageDir, type TreeFs } from '../bundle/dependency-tree.js';

export interface NodeRequirement { pkg: string; version: string; range: string }

export interface BridgeRequirements {
  /** Folder of the installed mcp-remote. */
  dir: string;
  version: string;
  /** Every declared engines.node range of the tree, strictest (highest minimum) first. */
  requirements: NodeRequirement[];
}

/** Where this module is installed: the search for node_modules starts here. */
export const HELPER_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The installed tree does not change while the helper runs: one read per file system port and folder. */
const memo = new WeakMap<TreeFs, Map<string, Promise<BridgeRequirements>>>();

export function bridgeRequirements(fs: TreeFs, fromDir = HELPER_DIR): Promise<BridgeRequirements> {
  let byDir = memo.get(fs);
  if (!byDir) { byDir = new Map(); memo.set(fs, byDir); }
  let p = byDir.get(fromDir);
  if (!p) {
    p = readRequirements(fs, fromDir);
    byDir.set(fromDir, p);
    p.catch(() => byDir!.delete(fromDir));
  }
  return p;
}

async function readRequirements(fs: TreeFs, fromDir: string): Promise<BridgeRequirements> {
  const dir = await resolvePackageDir(fs, fromDir, MCP_REMOTE_PACKAGE);
  if (!dir) throw new Error(`${MCP_REMOTE_PACKAGE} is not installed next to the helper (searched up from ${fromDir})`);
  const tree = await productionTree(fs, dir);
  const floor = (range: string) => semver.minVersion(range)?.version ?? '0.0.0';
  const requirements = tree.filter((p) => p.nodeRange && semver.validRange(p.nodeRange))
    .map((p) => ({ pkg: p.name, version: p.version, range: p.nodeRange! }))
    .sort((a, b) => semver.rcompare(floor(a.range), floor(b.range)));
  return { dir, version: tree[0]!.version, requirements };
}

/** The requirements `nodeVersion` (e.g. `v18.19.0`) does not satisfy. */
export function unmet(nodeVersion: string, requirements: NodeRequirement[]): NodeRequirement[] {
  const v = semver.coerce(nodeVersion)?.version;
  if (!v) return requirements;
  return requirements.filter((r) => !semver.satisfies(v, r.range));
}

/** "`>=20.18.1` (undici 7.30.2)" for the strictest requirement(s). */
export function describeNeeds(reqs: NodeRequirement[]): string {
  return reqs.slice(0, 2).map((r) => `Node ${r.range} (${r.pkg} ${r.version})`).join(' and ');
}
