/**
 * The installed production dependency tree of a package, read from node_modules the way Node
 * resolves it (a dependency is looked up in `<dir>/node_modules/<name>`, then in each parent's
 * node_modules: Node "Loading from node_modules folders"). Reads through an injected fs, so the
 * doctor reads the same tree the extension bundle copies.
 */
import path from 'node:path';

export interface TreeFs {
  readFile(file: string): Promise<string>;
}

export interface InstalledPackage {
  /** Absolute folder of the package. */
  dir: string;
  name: string;
  version: string;
  /** `engines.node` as declared, when declared. */
  nodeRange?: string;
}

interface PackageJson { name?: string; version?: string; engines?: { node?: string }; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }

async function readPackage(fs: TreeFs, dir: string): Promise<PackageJson | undefined> {
  try { return JSON.parse(await fs.readFile(path.join(dir, 'package.json'))) as PackageJson; } catch { return undefined; }
}

/** The folder `name` resolves to from `fromDir` (walking up node_modules folders), or undefined. */
export async function resolvePackageDir(fs: TreeFs, fromDir: string, name: string): Promise<string | undefined> {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.basename(dir) === 'node_modules' ? undefined : path.join(dir, 'node_modules', name);
    if (candidate && await readPackage(fs, candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export class MissingDependencyError extends Error {
  constructor(readonly dependency: string, readonly from: string) {
    super(`${dependency} (needed by ${from}) is not installed`);
  }
}

/**
 * Every package `rootDir` needs at run time: itself, its dependencies and optional dependencies
 * that are installed, transitively. A missing required dependency throws MissingDependencyError.
 */
export async function productionTree(fs: TreeFs, rootDir: string): Promise<InstalledPackage[]> {
  const seen = new Map<string, InstalledPackage>();
  const visit = async (dir: string): Promise<void> => {
    if (seen.has(dir)) return;
    const pkg = await readPackage(fs, dir);
    if (!pkg) throw new MissingDependencyError(path.basename(dir), dir);
    seen.set(dir, { dir, name: pkg.name ?? path.basename(dir), version: pkg.version ?? '0.0.0', ...(pkg.engines?.node ? { nodeRange: pkg.engines.node } : {}) });
    for (const [name, optional] of [...Object.keys(pkg.dependencies ?? {}).map((n) => [n, false] as const), ...Object.keys(pkg.optionalDependencies ?? {}).map((n) => [n, true] as const)]) {
      const found = await resolvePackageDir(fs, dir, name);
      if (!found) { if (optional) continue; throw new MissingDependencyError(name, pkg.name ?? dir); }
      await visit(found);
    }
  };
  await visit(path.resolve(rootDir));
  return [...seen.values()];
}
