/**
 * A unified diff (LCS, hunks with CONTEXT lines around each change, GNU diff's `-u` format) for
 * showing what a write or restore changes. It is display only: the lines are compared as they
 * are, then printed with secrets masked by the redaction module (maskConfigSecrets: env values,
 * secret-named keys, secret arguments, URL userinfo, tokens in free text), so a config's other
 * servers' credentials never reach stdout, --json or the desktop app. Config files are small; O(n*m) is
 * fine up to the cap, beyond which whole-file replacement is shown.
 */
import { maskConfigSecrets } from '../http/redact-json.js';

const CONTEXT = 3;

interface Op { kind: ' ' | '-' | '+'; text: string; a: number; b: number }

export function lineDiff(before: string, after: string, labels: [string, string] = ['before', 'after']): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const shownA = lines(maskConfigSecrets(before));
  const shownB = lines(maskConfigSecrets(after));
  const ops: Op[] = [];
  if (a.length * b.length > 4_000_000) {
    a.forEach((_l, i) => ops.push({ kind: '-', text: shownA[i] ?? '', a: i, b: 0 }));
    b.forEach((_l, j) => ops.push({ kind: '+', text: shownB[j] ?? '', a: a.length, b: j }));
  } else {
    const n = a.length;
    const m = b.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i]!;
      const next = lcs[i + 1]!;
      for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { ops.push({ kind: ' ', text: shownA[i] ?? '', a: i, b: j }); i++; j++; }
      else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { ops.push({ kind: '-', text: shownA[i] ?? '', a: i, b: j }); i++; }
      else { ops.push({ kind: '+', text: shownB[j] ?? '', a: i, b: j }); j++; }
    }
  }
  return `${[`--- ${labels[0]}`, `+++ ${labels[1]}`, ...hunks(ops)].join('\n')}\n`;
}

/** Groups ops into hunks: each change with up to CONTEXT unchanged lines around it, close ones merged. */
function hunks(ops: Op[]): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    const first = ops.findIndex((o, x) => x >= k && o.kind !== ' ');
    if (first === -1) break;
    const start = Math.max(k, first - CONTEXT);
    let end = first;
    // Extend while the next change is within 2*CONTEXT unchanged lines.
    for (let x = first; x < ops.length; x++) {
      if (ops[x]!.kind !== ' ') end = x;
      else if (x - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const body = ops.slice(start, stop);
    const aLen = body.filter((o) => o.kind !== '+').length;
    const bLen = body.filter((o) => o.kind !== '-').length;
    const head = ops[start]!;
    out.push(`@@ -${aLen ? head.a + 1 : head.a},${aLen} +${bLen ? head.b + 1 : head.b},${bLen} @@`, ...body.map((o) => `${o.kind}${o.text}`));
    k = stop;
  }
  return out;
}

/** Lines without the empty string that a final newline leaves after split. */
function lines(text: string): string[] {
  const out = text.split(/\r?\n/);
  if (out[out.length - 1] === '') out.pop();
  return out;
}
