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
  { name: 'verify', summary: 'Run the OAuth + MCP flow against a server and show every step', load: async () => (await import('./verify.js')).default },
];
