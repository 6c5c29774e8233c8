/**
 * Serves the built renderer and nothing else: the decoded request path is resolved inside the
 * build folder and refused when it leaves it (`..`, encoded `%2e%2e`, `%2f`, backslashes, NUL).
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

export interface StaticFile { status: number; type?: string; body?: Buffer }

export async function staticFile(root: string, rawPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.split('?')[0] ?? '/');
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return { status: 404 };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const realRoot = await realpath(root);
  const full = path.resolve(realRoot, relative);
  if (!full.startsWith(realRoot + path.sep)) return { status: 404 };
  try {
    const real = await realpath(full);
    if (!real.startsWith(realRoot + path.sep)) return { status: 404 };
    return { status: 200, type: TYPES[path.extname(real)] ?? 'application/octet-stream', body: await readFile(real) };
  } catch {
    return { status: 404 };
  }
}
