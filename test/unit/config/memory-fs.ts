import type { FsPort, StatLike } from '../../../main/core/config/fs-port.js';

/** An in-memory FsPort for modelling other OSes' paths (locate tests). Files and folders only. */
export function memoryFs(files: Record<string, string>, dirs: string[] = []): FsPort {
  const fileMap = new Map(Object.entries(files));
  const dirSet = new Set(dirs);
  const parent = (p: string) => p.replace(/[\\/][^\\/]*$/, '');
  for (const p of [...fileMap.keys(), ...dirs]) for (let d = parent(p); d && !dirSet.has(d); d = parent(d)) dirSet.add(d);
  const enoent = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  const stat = (isFile: boolean): StatLike => ({ isFile: () => isFile, isDirectory: () => !isFile, mode: 0o644, size: 0, mtimeMs: 0 });
  const unsupported = () => Promise.reject(new Error('read-only memory fs'));
  return {
    readFile: async (p) => { const f = fileMap.get(p); if (f === undefined) throw enoent(p); return Buffer.from(f); },
    stat: async (p) => { if (fileMap.has(p)) return stat(true); if (dirSet.has(p)) return stat(false); throw enoent(p); },
    readdir: async (p) => {
      if (!dirSet.has(p)) throw enoent(p);
      return [...new Set([...fileMap.keys(), ...dirSet].filter((x) => parent(x) === p).map((x) => x.slice(p.length + 1)))];
    },
    mkdir: unsupported, writeDurable: unsupported, rename: unsupported, unlink: unsupported, chmod: unsupported,
  };
}
