import { useEffect, useState } from 'react';
import { useClient } from '../api/context.js';

/**
 * Copies `text`: through the API in the desktop window (its clipboard), else the browser's
 * Clipboard API. The outcome is announced politely next to the button.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const client = useClient();
  const [outcome, setOutcome] = useState('');
  useEffect(() => {
    if (!outcome) return;
    const t = setTimeout(() => setOutcome(''), 4000);
    return () => clearTimeout(t);
  }, [outcome]);
  const copy = async () => {
    let copied = false;
    if (client.door === 'electron') {
      const r = await client.api.copyText(text);
      copied = r.ok && r.value.copied;
    } else {
      try {
        await navigator.clipboard.writeText(text);
        copied = true;
      } catch { copied = false; }
    }
    setOutcome(copied ? 'Copied.' : 'Could not copy; select the text and press Ctrl+C (⌘C on a Mac).');
  };
  return (
    <span className="copy">
      <button type="button" className="small" onClick={() => void copy()}>{label}</button>
      <span className="copy-outcome" aria-live="polite">{outcome}</span>
    </span>
  );
}
