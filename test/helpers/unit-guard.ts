/**
 * Keeps test/unit/ pure (docs/architecture.md, Conventions 8): while a test file under test/unit/
 * runs, opening a port, connecting a socket or starting a process throws, naming the folder the
 * test belongs in. Other folders are untouched. Loaded by vitest.config.ts for every test file.
 */
import childProcess from 'node:child_process';
import module from 'node:module';
import net from 'node:net';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const isUnit = () => /[\\/]test[\\/]unit[\\/]/.test(expect.getState().testPath ?? '');

export class UnitPurityError extends Error {
  override name = 'UnitPurityError';
}

function guard<A extends unknown[], R>(what: string, original: (...args: A) => R): (...args: A) => R {
  const guarded = function (this: unknown, ...args: A): R {
    if (isUnit()) throw new UnitPurityError(`a test under test/unit/ ${what}: unit tests are pure; move it to test/integration/`);
    return original.apply(this, args);
  };
  // util.promisify(execFile) and friends resolve {stdout, stderr} through this hook: keep it, guarded.
  const custom = (original as unknown as Record<symbol, ((...a: unknown[]) => unknown) | undefined>)[promisify.custom];
  if (custom) Object.defineProperty(guarded, promisify.custom, { value: guard(what, custom) });
  return guarded;
}

const serverListen = net.Server.prototype.listen;
net.Server.prototype.listen = guard('opened a port', serverListen) as typeof serverListen;
const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = guard('connected a socket', socketConnect) as typeof socketConnect;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as Record<string, unknown>)[name] = guard(`started a process (${name})`, childProcess[name] as (...args: unknown[]) => unknown);
}
module.syncBuiltinESMExports();
