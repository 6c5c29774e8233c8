import type { RunState } from '../../api/use-run.js';

/** The areas the doctor's checks fall in, in the order a connection needs them; keyed by the id's prefix. */
export const AREAS: { key: string; label: string; prefixes: string[] }[] = [
  { key: 'config', label: 'Config', prefixes: ['config'] },
  { key: 'network', label: 'Network', prefixes: ['net', 'mcp'] },
  { key: 'discovery', label: 'Discovery', prefixes: ['discovery'] },
  { key: 'redirect', label: 'Redirect', prefixes: ['redirect'] },
  { key: 'cors', label: 'CORS', prefixes: ['cors'] },
  { key: 'scope', label: 'Scope', prefixes: ['scope'] },
  { key: 'token', label: 'Token', prefixes: ['token'] },
  { key: 'bridge', label: 'Bridge', prefixes: ['bridge'] },
  { key: 'claude', label: 'Claude', prefixes: ['claude'] },
];

type Step = RunState['steps'][number];

/** Steps grouped by area (areas without steps left out); ids with an unknown prefix go to "Other". */
export function groupByArea(steps: Step[]): { label: string; steps: Step[] }[] {
  const groups = AREAS.map((a) => ({ label: a.label, prefixes: a.prefixes, steps: [] as Step[] }));
  const other: Step[] = [];
  for (const s of steps) {
    const prefix = s.id.split('.')[0] ?? '';
    const g = groups.find((x) => x.prefixes.includes(prefix));
    (g ? g.steps : other).push(s);
  }
  const out = groups.filter((g) => g.steps.length).map(({ label, steps: st }) => ({ label, steps: st }));
  if (other.length) out.push({ label: 'Other', steps: other });
  return out;
}

function counts(steps: Step[]) {
  const n = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const s of steps) if (s.result) n[s.result.status]++;
  return n;
}

/** The overall result; its first words are stable for people and scripts: "No problems found", "Problems found", "Cancelled". */
export function diagnosisSummary(state: RunState): string {
  const n = counts(state.steps);
  const done = n.pass + n.warn + n.fail + n.skip;
  switch (state.status) {
    case 'idle': return '';
    case 'running': {
      const now = state.steps.find((s) => !s.result);
      // A note (e.g. "Waiting for sign-in: …") says what the run waits for now.
      return `Running: ${done} check${done === 1 ? '' : 's'} done${now ? `, now ${now.title}` : ''}…${state.note ? ` ${state.note}` : ''}`;
    }
    case 'cancelled': return `Cancelled: ${done} check${done === 1 ? '' : 's'} ran before you stopped it.`;
    case 'error': return `Problems found: the diagnosis could not finish. ${state.error ?? 'Try again.'}`;
    default: {
      if (n.fail === 0 && n.warn === 0 && state.status === 'passed') return `No problems found: ${n.pass} check${n.pass === 1 ? '' : 's'} passed${n.skip ? `, ${n.skip} skipped` : ''}.`;
      const parts = [n.fail ? `${n.fail} failed` : '', n.warn ? `${n.warn} with a warning` : '', `${n.pass} passed`].filter(Boolean);
      const first = state.steps.find((s) => s.result?.status === 'fail') ?? state.steps.find((s) => s.result?.status === 'warn');
      return `Problems found: ${parts.join(', ')}.${first ? ` First: ${first.id} — ${first.result?.cause ?? first.title}` : ''}`;
    }
  }
}
