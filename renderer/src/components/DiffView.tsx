/**
 * A unified diff, one line per row: added and removed lines carry a word for screen readers and a
 * +/- sign, so colour only repeats what the text says.
 */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  if (diff.trim() === '') return <p className="muted">No change: the file already holds this entry.</p>;
  return (
    <pre className="diff" role="region" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => {
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same';
        return (
          <span key={i} className={`diff-line diff-${kind}`}>
            {kind === 'add' && <span className="sr-only">added: </span>}
            {kind === 'del' && <span className="sr-only">removed: </span>}
            {line}{'\n'}
          </span>
        );
      })}
    </pre>
  );
}
