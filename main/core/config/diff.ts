/**
 * A unified-style line diff (LCS) for showing what a write or restore changes. Config files are
 * small; O(n*m) is fine up to the cap, beyond which whole-file replacement is shown.
 */
export function lineDiff(before: string, after: string, labels: [string, string] = ['before', 'after']): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  if (a.length * b.length > 4_000_000) return [...out, ...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)].join('\n') + '\n';
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
    if (i < n && j < m && a[i] === b[j]) { out.push(` ${a[i]}`); i++; j++; }
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { out.push(`-${a[i]}`); i++; }
    else { out.push(`+${b[j]}`); j++; }
  }
  return `${out.join('\n')}\n`;
}

/** Lines without the empty string that a final newline leaves after split. */
function lines(text: string): string[] {
  const out = text.split(/\r?\n/);
  if (out[out.length - 1] === '') out.pop();
  return out;
}
