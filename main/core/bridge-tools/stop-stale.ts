/**
 * The fix action `bridge.stop-stale`: stop the leftover mcp-remote that holds the callback port.
 * Looks the holder up again right before acting (the pid must still hold the port and still be
 * mcp-remote), asks, and signals that one pid: never a process name or group.
 */
import { findPortHolder, isMcpRemote, type PortProbeDeps } from './port-holder.js';

export interface StopStaleDeps {
  probe: PortProbeDeps;
  /** Asks the user; resolves true to go ahead. */
  confirm(question: string): Promise<boolean>;
  kill(pid: number, signal: NodeJS.Signals): void;
}

export type StopStaleResult =
  | { outcome: 'stopped'; pid: number; cmdline: string }
  | { outcome: 'declined' | 'not-held' | 'not-mcp-remote' | 'changed'; pid?: number; cmdline?: string; detail: string };

export async function stopStaleBridge(port: number, expectedPid: number | undefined, deps: StopStaleDeps): Promise<StopStaleResult> {
  if (await deps.probe.canListen('127.0.0.1', port)) return { outcome: 'not-held', detail: `port ${port} is free now; nothing to stop` };
  const found = await findPortHolder(deps.probe, port);
  if (!('holder' in found)) return { outcome: 'not-held', detail: `the process holding port ${port} could not be identified (${found.unknown})` };
  const { pid, cmdline } = found.holder;
  if (expectedPid !== undefined && pid !== expectedPid) return { outcome: 'changed', pid, cmdline, detail: `port ${port} is now held by pid ${pid}, not ${expectedPid}; run the check again` };
  if (!isMcpRemote(cmdline)) return { outcome: 'not-mcp-remote', pid, cmdline, detail: `pid ${pid} (${cmdline}) is not mcp-remote; it is left alone` };
  if (!(await deps.confirm(`Stop pid ${pid} (${cmdline}), which holds the callback port ${port}?`))) return { outcome: 'declined', pid, cmdline, detail: 'not stopped' };
  deps.kill(pid, 'SIGTERM');
  return { outcome: 'stopped', pid, cmdline };
}
