import { useEffect, useId, useState } from 'react';
import type { ReportValue } from '../../../../main/contract/api-values.js';
import { useClient } from '../../api/context.js';
import { CopyButton } from '../../components/CopyButton.js';

/** Export report: the finished run as Markdown or JSON (redacted by the app), to download as a file or copy. */
export function ReportExport({ runId }: { runId: string }) {
  const { api } = useClient();
  const id = useId();
  const [format, setFormat] = useState<'md' | 'json'>('md');
  const [report, setReport] = useState<ReportValue | null>(null);
  const [href, setHref] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!report || typeof URL.createObjectURL !== 'function') { setHref(null); return; }
    const url = URL.createObjectURL(new Blob([report.text], { type: report.format === 'json' ? 'application/json' : 'text/markdown' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [report]);

  const run = async () => {
    setError(null);
    const r = await api.exportReport(runId, format);
    if (r.ok) setReport(r.value); else { setReport(null); setError(r.error.message); }
  };

  return (
    <div className="report-export">
      <label htmlFor={`${id}-format`}>Report format</label>{' '}
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as 'md' | 'json')}>
        <option value="md">Markdown</option>
        <option value="json">JSON</option>
      </select>{' '}
      <button type="button" onClick={() => void run()}>Export report</button>
      {error && <p role="alert" className="field-error">{error}</p>}
      {report && (
        <p aria-live="polite">
          Report ready (secrets removed):{' '}
          {href && <a href={href} download={report.fileName}>Download {report.fileName}</a>}{' '}
          <CopyButton text={report.text} label="Copy report" />
        </p>
      )}
    </div>
  );
}
