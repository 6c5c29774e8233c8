/**
 * The Node the project declares (`engines` in package.json) is one every runtime dependency
 * accepts, so `npm install` raises no engine warning for what the CLI, the engine and the browser
 * door load (docs/architecture.md, Toolchain facts). Development-only packages (the Electron
 * toolchain) may ask for more.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface LockEntry { version?: string; dev?: boolean; devOptional?: boolean; optional?: boolean; engines?: { node?: string } }

describe('engines', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const floor = semver.minVersion(pkg.engines.node)?.version ?? '';

  it('every runtime dependency accepts the oldest Node the project declares', () => {
    const refuse = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && !p.devOptional && !p.optional && p.engines?.node)
      .filter(([, p]) => !semver.satisfies(floor, p.engines?.node ?? '*'))
      .map(([path, p]) => `${path}@${p.version} wants node ${p.engines?.node}`);
    expect(floor).not.toBe('');
    expect(refuse).toEqual([]);
  });

  it('the settings store is electron-store, a runtime dependency', () => {
    const deps = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    expect(deps['electron-store']).toBeDefined();
  });
});
