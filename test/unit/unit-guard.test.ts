import { execFile, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UnitPurityError } from '../helpers/unit-guard.js';

describe('test/unit/ stays pure (test/helpers/unit-guard.ts)', () => {
  it('refuses to open a port, connect a socket or start a process, naming where the test belongs', () => {
    expect(() => net.createServer().listen(0, '127.0.0.1')).toThrow(UnitPurityError);
    expect(() => net.connect(9, '127.0.0.1')).toThrow(/connected a socket: .* move it to test\/integration\//);
    expect(() => spawn('true')).toThrow(/started a process \(spawn\)/);
    expect(() => execFileSync('true')).toThrow(UnitPurityError);
    expect(() => promisify(execFile)('true')).toThrow(UnitPurityError);
  });

  it('keeps util.promisify(execFile) resolving {stdout, stderr} (the wrapped function keeps its promisify hook)', () => {
    expect((execFile as unknown as Record<symbol, unknown>)[promisify.custom]).toBeTypeOf('function');
  });
});
