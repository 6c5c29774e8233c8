/**
 * connectorChecks: what to paste into Claude's "Add custom connector" dialog for this IAM, and the
 * connector.* checks run with the doctor's runner. Pure over injected deps (DNS, fetch, TLS).
 */
import type { CheckResult, OnProgress } from '../../contract/check.js';
import { summarize } from '../diagnostics/doctor.js';
import { runChecks } from '../diagnostics/runner.js';
import type { DoctorDeps } from '../diagnostics/types.js';
import { connectorCheckDefs, type ConnectorProbes } from './checks.js';
import { connectorInstructions, type ConnectorInstructions } from './claude-facts.js';

export interface ConnectorInput {
  url: string;
  clientId?: string;
  scopes?: string[];
  name?: string;
  timeoutMs?: number;
}

export type ConnectorDeps = DoctorDeps & ConnectorProbes;

export interface ConnectorReport {
  version: 1;
  instructions: ConnectorInstructions;
  checks: CheckResult[];
  summary: { pass: number; warn: number; fail: number; skip: number };
  durationMs: number;
}

export async function connectorChecks(input: ConnectorInput, deps: ConnectorDeps, run: { signal?: AbortSignal; onProgress?: OnProgress } = {}): Promise<ConnectorReport> {
  const started = deps.now();
  const target = { name: input.name ?? 'connector', mcpUrl: input.url, ...(input.clientId ? { clientId: input.clientId } : {}), ...(input.scopes ? { scopes: input.scopes } : {}) };
  const checks = await runChecks(connectorCheckDefs(deps), deps, { target, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) }, run);
  return { version: 1, instructions: connectorInstructions(input), checks, summary: summarize(checks), durationMs: deps.now() - started };
}
