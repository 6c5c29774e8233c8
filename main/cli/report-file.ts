/**
 * `--report <path>`: writes the run's redacted report (core verify/report.ts) to a file, Markdown
 * unless the path ends in `.json`, and says where on stderr.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderRunReport, type RunResult, type RunTarget } from '../core/verify/report.js';
import type { CliIo } from './command.js';

export async function writeRunReport(io: CliIo, file: string, kind: 'verify' | 'bridge', result: RunResult, target: RunTarget): Promise<void> {
  const abs = path.resolve(io.cwd, file);
  const format = abs.toLowerCase().endsWith('.json') ? 'json' : 'md';
  try {
    await writeFile(abs, renderRunReport(kind, result, format, target), { mode: 0o600 });
    io.stderr(`Report (${format === 'json' ? 'JSON' : 'Markdown'}, redacted): ${abs}\n`);
  } catch (error) {
    io.stderr(`The report could not be written to ${abs} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the result above is complete.\n`);
  }
}
