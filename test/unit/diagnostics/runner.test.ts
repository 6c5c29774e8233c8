import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../main/core/diagnostics/runner.js';
import type { CheckDef, Outcome } from '../../../main/core/diagnostics/types.js';
import { testDeps } from '../../integration/diagnostics/helpers.js';

const deps = testDeps('/nonexistent-home', 'http://127.0.0.1:9');
const opts = { target: { name: 'iam' } };
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => { const t = setTimeout(r, ms); signal?.addEventListener('abort', () => { clearTimeout(t); r(); }); });
const check = (id: string, run: (signal: AbortSignal) => Promise<Outcome>, extra: Partial<CheckDef> = {}): CheckDef =>
  ({ id, area: 'net', title: id, run: (_ctx, signal) => run(signal), ...extra });
const pass: Outcome = { status: 'pass', evidence: {} };

describe('runChecks', () => {
  it('runs independent checks concurrently and keeps the given order', async () => {
    const started = Date.now();
    const results = await runChecks([
      check('a', async () => { await sleep(300); return pass; }),
      check('b', async () => { await sleep(300); return pass; }),
      check('c', async () => { await sleep(300); return pass; }),
    ], deps, opts);
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(Date.now() - started).toBeLessThan(800);
  });

  it("honours a check's own timeoutMs over the run's per-check timeout", async () => {
    const [long, short] = await runChecks([
      check('long', async () => { await sleep(400); return pass; }, { timeoutMs: 2000 }),
      check('short', async () => { await sleep(2000); return pass; }, { timeoutMs: 100 }),
    ], deps, { ...opts, timeoutMs: 200 });
    expect(long?.status).toBe('pass');
    expect(short?.status).toBe('fail');
    expect(short?.cause).toMatch(/100 ms/);
  });

  it('times a hanging check out as fail, aborts its signal, and skips its dependents with the reason', async () => {
    let aborted = false;
    const results = await runChecks([
      check('slow', async (signal) => { await sleep(10_000, signal); aborted = signal.aborted; return pass; }),
      check('after', async () => pass, { needs: ['slow'] }),
      check('after2', async () => pass, { needs: ['after'] }),
    ], deps, { ...opts, timeoutMs: 200 });
    const [slow, after, after2] = results;
    expect(slow?.status).toBe('fail');
    expect(slow?.cause).toMatch(/200 ms/);
    expect(after?.status).toBe('skip');
    expect(after?.cause).toMatch(/needs slow, which failed/);
    expect(after2?.cause).toMatch(/needs after, which was skipped/);
    await sleep(20);
    expect(aborted).toBe(true);
  });

  it('lets not-applicable skips through, turns throws into fail, honours offline and missing tokens', async () => {
    const results = await runChecks([
      check('na', async () => ({ status: 'skip', notApplicable: true, evidence: {}, cause: 'n/a' })),
      check('uses-na', async () => pass, { needs: ['na'] }),
      check('throws', async () => { throw new Error('boom'); }),
      check('net', async () => pass, { network: true }),
      check('tok', async () => pass, { needsToken: true }),
    ], deps, { ...opts, offline: true });
    const s = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(s['uses-na']?.status).toBe('pass');
    expect(s.throws?.status).toBe('fail');
    expect(s.throws?.evidence).toEqual({ error: 'boom' });
    expect(s.net?.cause).toMatch(/offline run/);
    expect(s.tok?.cause).toMatch(/no token/);
  });

  it('reports progress and masks token values anywhere in results', async () => {
    const events: string[] = [];
    const secret = 'super-secret-token-value-123';
    const results = await runChecks([check('leaky', async () => ({ status: 'warn', evidence: { echoed: `Bearer ${secret}` }, cause: `saw ${secret}` }))],
      deps, { ...opts, token: { accessToken: secret, origin: 'flag' } }, { onProgress: (e) => events.push(`${e.phase}:${e.id}`) });
    expect(events).toEqual(['start:leaky', 'end:leaky']);
    expect(JSON.stringify(results)).not.toContain(secret);
  });

  it('skips everything still pending when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const results = await runChecks([check('x', async () => pass)], deps, opts, { signal: controller.signal });
    expect(results[0]?.status).toBe('skip');
  });

  it('turns checks in flight at a cancel into skip (reason cancelled), at once, even a check that ignores its signal', async () => {
    const controller = new AbortController();
    const results = runChecks([
      // Fails the way a request cut by the abort fails.
      check('listens', async (signal) => { await sleep(60_000, signal); return { status: 'fail', evidence: { error: 'This operation was aborted' } }; }),
      check('deaf', async () => { await sleep(60_000); return pass; }),
      check('after', async () => pass, { needs: ['listens'] }),
    ], deps, { ...opts, timeoutMs: 120_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const [listens, deaf, after] = await results;
    for (const r of [listens, deaf, after]) {
      expect(r?.status).toBe('skip');
      expect(r?.evidence.reason).toBe('cancelled');
      expect(r?.cause).toMatch(/cancelled/);
    }
  }, 10_000);
});
