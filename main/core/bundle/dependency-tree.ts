/**
 * The installed production dependency tree of a package, read from node_modules the way Node
 * resolves it (a dependency is looked up in `<dir>/node_modules/<name>`, then in each parent's
 * node_modules: Node "Loading from node_modules folders"). Reads through an injected fs, so the
 * doctor reads the same tree the extension bundle copies.
 */
import path from 'node:path';

export interface TreeFs {
  /** Bytes or UTF-8 text (the doctor's file system port reads bytes). */
  readFile(file: string): Promise<string | Uint8Array>;
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

/** package.json reads of one walk, each path read once (resolution asks the same folders often). */
type Reader = (dir: string) => Promise<PackageJson | undefined>;

function reader(fs: TreeFs): Reader {
  const cache = new Map<string, Promise<PackageJson | undefined>>();
  return (dir) => {
    let p = cache.get(dir);
    if (!p) {
      p = fs.readFile(path.join(dir, 'package.json')).then((t) => JSON.parse(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')) as PackageJson, () => undefined);
      cache.set(dir, p);
    }
    return p;
  };
}

async function resolveWith(read: Reader, fromDir: string, name: string): Promise<string | undefined> {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.basename(dir) === 'node_modules' ? undefined : path.join(dir, 'node_modules', name);
    if (candidate && await read(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The folder `name` resolves to from `fromDir` (walking up node_modules folders), or undefined. */
export function resolvePackageDir(fs: TreeFs, fromDir: string, name: string): Promise<string | undefined> {
  return resolveWith(reader(fs), fromDir, name);
}

export class MissingDependencyError extends Error {
  constructor(readonly dependency: string, readonly from: string) {
    super(`${dependency} (needed by ${from}) is not installed`);
  }
}

/**
 * Every package `rootDir` needs at run time: itself, its dependencies and optional dependencies
 * that are installed, transitively (first found first; branches are read concurrently). A missing
 * required dependency throws MissingDependencyError.
 */
export async function productionTree(fs: TreeFs, rootDir: string): Promise<InstalledPackage[]> {
  const read = reader(fs);
  const seen = new Map<string, Promise<void>>();
  const found: InstalledPackage[] = [];
  const visit = (dir: string): Promise<void> => {
    let p = seen.get(dir);
    if (p) return p;
    p = (async () => {
      const pkg = await read(dir);
      if (!pkg) throw new MissingDependencyError(path.basename(dir), dir);
      found.push({ dir, name: pkg.name ?? path.basename(dir), version: pkg.version ?? '0.0.0', ...(pkg.engines?.node ? { nodeRange: pkg.engines.node } : {}) });
      const deps = [...Object.keys(pkg.dependencies ?? {}).map((n) => [n, false] as const), ...Object.keys(pkg.optionalDependencies ?? {}).map((n) => [n, true] as const)];
      await Promise.all(deps.map(async ([name, optional]) => {
        const at = await resolveWith(read, dir, name);
        if (!at) { if (optional) return; throw new MissingDependencyError(name, pkg.name ?? dir); }
        await visit(at);
      }));
    })();
    seen.set(dir, p);
    return p;
  };
  const root = path.resolve(rootDir);
  await visit(root);
  // The root first, the rest in a stable order.
  return [found.find((f) => f.dir === root)!, ...found.filter((f) => f.dir !== root).sort((a, b) => a.dir.localeCompare(b.dir))];
}
