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
  { name: 'locate', summary: 'Show where Claude Desktop\'s config file is and why', load: async () => (await import('./locate.js')).default },
  { name: 'setup', summary: 'Write the working Hanzo IAM entry into Claude Desktop\'s config', load: async () => (await import('./setup.js')).default },
  { name: 'backups', summary: 'List, show, diff, restore or prune config backups', load: async () => (await import('./backups.js')).default },
  { name: 'verify', summary: 'Run the OAuth + MCP flow against a server and show every step', load: async () => (await import('./verify.js')).default },
  { name: 'doctor', summary: 'Diagnose why the connection fails: every cause with evidence and a fix', load: async () => (await import('./doctor.js')).command },
  { name: 'routes', summary: 'Which way to connect Claude to this IAM can work, and which to take', load: async () => (await import('./routes.js')).command },
  { name: 'connector', summary: 'What to paste into Claude\'s custom connector, and whether it can work', load: async () => (await import('./connector.js')).command },
  { name: 'bundle', summary: 'Build a Claude Desktop extension (.mcpb) that ships mcp-remote inside', load: async () => (await import('./bundle.js')).command },
  { name: 'bridge-cache', summary: 'Clear mcp-remote\'s cached sign-in for this server only', load: async () => (await import('./bridge-cache.js')).command },
  { name: 'bridge-stop', summary: 'Stop a leftover mcp-remote that holds the callback port (asks first)', load: async () => (await import('./bridge-stop.js')).command },
  { name: 'ui', summary: 'Open the app in your browser (served on 127.0.0.1 only)', load: async () => (await import('./ui.js')).command },
];
