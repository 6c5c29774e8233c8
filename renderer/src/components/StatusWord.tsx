import type { CheckStatus } from '../../../main/contract/check.js';

/** Icon plus word for a check status: the word carries the meaning, colour only repeats it. */
export const STATUS_LABEL: Record<CheckStatus | 'running', { icon: string; word: string }> = {
  pass: { icon: '✔', word: 'Pass' },
  warn: { icon: '!', word: 'Warn' },
  fail: { icon: '✖', word: 'Fail' },
  skip: { icon: '–', word: 'Skip' },
  running: { icon: '…', word: 'Running' },
};

export function StatusWord({ status }: { status: CheckStatus | 'running' }) {
  const { icon, word } = STATUS_LABEL[status];
  return (
    <span className={`status-word status-${status}`}>
      <span className="status-icon" aria-hidden="true">{icon}</span> {word}
    </span>
  );
}
