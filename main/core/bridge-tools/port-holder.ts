/**
 * Who holds a TCP port? Linux: the listening socket's inode from /proc/net/tcp and tcp6 (proc(5):
 * local_address is `ADDR:PORT` in hex, st 0A is LISTEN, the inode is the 10th field), then the
 * process whose /proc/<pid>/fd links to `socket:[inode]`. Other systems: `lsof -Fp` (macOS, BSD)
 * or `netstat -ano` (Windows). Every outside effect is injected; a holder that cannot be named
 * is reported as unknown with the reason, never guessed.
 */
import path from 'node:path';

export interface PortProbeDeps {
  platform: NodeJS.Platform;
  /** True when 127.0.0.1:port can be bound right now (and it is released again). */
  canListen(host: string, port: number): Promise<boolean>;
  readFile(file: string): Promise<string>;
  readdir(dir: string): Promise<string[]>;
  readlink(file: string): Promise<string>;
  /** Runs a program (no shell); rejects when it fails or is missing. */
  exec(command: string, args: string[]): Promise<string>;
}

export interface PortHolder {
  pid: number;
  /** Full command line when readable, else the program name. */
  cmdline: string;
  /** Parent pid (Linux), to tell an orphaned bridge from one a live Claude runs. */
  ppid?: number;
  parentCmdline?: string;
}

export type HolderResult = { holder: PortHolder } | { unknown: string };

function listeningInodes(table: string, port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return table.split('\n').slice(1).map((l) => l.trim().split(/\s+/)).filter((f) => f.length > 9 && f[1]?.endsWith(`:${hex}`) && f[3] === '0A').map((f) => f[9]!);
}

async function linuxCmdline(deps: PortProbeDeps, pid: number): Promise<string | undefined> {
  try { return (await deps.readFile(`/proc/${pid}/cmdline`)).split('\0').filter(Boolean).join(' '); } catch { return undefined; }
}

async function linuxHolder(deps: PortProbeDeps, port: number): Promise<HolderResult> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try { for (const i of listeningInodes(await deps.readFile(table), port)) inodes.add(i); } catch { /* no IPv6 table */ }
  }
  inodes.delete('0');
  if (inodes.size === 0) return { unknown: 'no listening socket for the port in /proc/net/tcp or tcp6 (another network namespace?)' };
  let denied = 0;
  for (const pidName of (await deps.readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    let fds: string[];
    try { fds = await deps.readdir(`/proc/${pidName}/fd`); } catch { denied++; continue; }
    for (const fd of fds) {
      let link: string;
      try { link = await deps.readlink(`/proc/${pidName}/fd/${fd}`); } catch { continue; }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (!m || !inodes.has(m[1]!)) continue;
      const pid = Number(pidName);
      const cmdline = await linuxCmdline(deps, pid) ?? `pid ${pid}`;
      let ppid: number | undefined;
      try { ppid = Number((await deps.readFile(`/proc/${pid}/stat`)).replace(/^.*\)\s+/s, '').split(' ')[1]); } catch { /* gone */ }
      const parentCmdline = ppid ? await linuxCmdline(deps, ppid) : undefined;
      return { holder: { pid, cmdline, ...(ppid !== undefined && !Number.isNaN(ppid) ? { ppid } : {}), ...(parentCmdline ? { parentCmdline } : {}) } };
    }
  }
  return { unknown: `the socket's process is not visible${denied ? ` (${denied} processes could not be inspected: another user's?)` : ''}` };
}

async function lsofHolder(deps: PortProbeDeps, port: number): Promise<HolderResult> {
  let out: string;
  try { out = await deps.exec('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fp']); } catch (e) { return { unknown: `lsof failed (${(e as Error).message})` }; }
  const pid = Number(/^p(\d+)$/m.exec(out)?.[1]);
  if (!pid) return { unknown: 'lsof shows no listening process' };
  let cmdline = `pid ${pid}`;
  try { cmdline = (await deps.exec('ps', ['-o', 'command=', '-p', String(pid)])).trim() || cmdline; } catch { /* gone */ }
  return { holder: { pid, cmdline } };
}

async function netstatHolder(deps: PortProbeDeps, port: number): Promise<HolderResult> {
  let out: string;
  try { out = await deps.exec('netstat', ['-ano', '-p', 'TCP']); } catch (e) { return { unknown: `netstat failed (${(e as Error).message})` }; }
  const line = out.split(/\r?\n/).map((l) => l.trim().split(/\s+/)).find((f) => f[0] === 'TCP' && f[1]?.endsWith(`:${port}`) && f[3] === 'LISTENING');
  const pid = Number(line?.[4]);
  if (!pid) return { unknown: 'netstat shows no listening process' };
  let cmdline = `pid ${pid}`;
  try {
    const csv = await deps.exec('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']);
    cmdline = /^"([^"]+)"/.exec(csv.trim())?.[1] ?? cmdline;
  } catch { /* keep pid */ }
  return { holder: { pid, cmdline } };
}

export function findPortHolder(deps: PortProbeDeps, port: number): Promise<HolderResult> {
  if (deps.platform === 'linux') return linuxHolder(deps, port);
  if (deps.platform === 'win32') return netstatHolder(deps, port);
  return lsofHolder(deps, port);
}

/** Is this command line an mcp-remote bridge (npx-run or installed)? */
export function isMcpRemote(cmdline: string): boolean {
  return /(^|[\s/\\@])mcp-remote(@[\w.-]+)?([\s/\\]|$)|mcp-remote[\\/]dist[\\/]proxy\.js/.test(cmdline);
}

/** An orphan: its parent is gone or is init (Linux re-parents orphans to pid 1 or a subreaper). */
export function isOrphan(h: PortHolder): boolean {
  return h.ppid === 1 || (h.ppid !== undefined && h.parentCmdline === undefined);
}

/** The next bindable port after `port` in the setup range 20000-29999 (entry-builder.ts). */
export async function suggestPort(deps: Pick<PortProbeDeps, 'canListen'>, port: number, tries = 50): Promise<number | undefined> {
  for (let i = 1; i <= tries; i++) {
    const candidate = 20000 + ((Math.max(port, 20000) - 20000 + i) % 10000);
    if (await deps.canListen('127.0.0.1', candidate)) return candidate;
  }
  return undefined;
}

export const basenameOf = (cmdline: string) => path.basename(cmdline.split(' ')[0] ?? cmdline);
