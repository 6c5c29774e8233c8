import type { Command } from '../command.js';

/**
 * The registry of `iam-mcp-helper` commands, in the order `--help` lists them. Each command lives
 * in its own file and is loaded only when run, so `--help` and fast commands stay fast.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'doctor', summary: 'Diagnose why the connection fails: every cause with evidence and a fix', load: async () => (await import('./doctor.js')).command },
];
