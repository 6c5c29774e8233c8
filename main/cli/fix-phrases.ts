/**
 * The CLI's way to say a finding's fixAction (docs/fix-actions.md): the command line or flag that
 * does it. Core's `fix` says the same in words that name no door's controls; the CLI prints this
 * line under it. Undefined when the fix is done outside the CLI (the IAM console, Claude Desktop).
 */
import type { FixAction } from '../contract/check.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

const PHRASES: Record<string, (a: FixAction) => string | undefined> = {
  'config.rewrite-entry': (a) => `iam-mcp-helper setup --url <mcp-url> --client-id <id>${str(a.name) ? ` --name ${str(a.name)}` : ''} [--config <path>] writes the entry`,
  'config.set-scopes': (a) => `iam-mcp-helper setup --url <mcp-url> --client-id <id> --scopes "${str(a.scopes) ?? '<scopes>'}" [--config <path>]`,
  'config.set-client-id': () => 'iam-mcp-helper setup --url <mcp-url> --client-id <Client ID> [--config <path>]',
  'verify.run': () => 'iam-mcp-helper verify --config <path> (the entry as written) or --url <mcp-url> --client-id <id>',
  'doctor.run': () => 'iam-mcp-helper doctor --config <path>',
  'run.raise-timeout': () => 'pass a larger --timeout <ms>',
  'run.raise-sign-in-timeout': () => 'pass a larger --login-timeout <ms>',
  'run.give-url': () => 'pass --url https://<your-iam>/api/mcp',
  'run.sign-in': () => 'pass --login (the browser opens for the sign-in), or give a token with --token - or --use-bridge-cache',
  'verify.trust-ca': () => 'pass --ca <file> (the CA\'s PEM)',
  'verify.set-client-id': () => 'pass --client-id <the application\'s Client ID>',
  'verify.set-scopes': (a) => `pass --scopes "${str(a.scopes) ?? '<scopes>'}"`,
  'verify.client-secret': () => 'pass --client-secret <secret> (or set IAM_MCP_CLIENT_SECRET)',
  'verify.callback-port': (a) => `pass --callback-port ${str(a.port) ?? '<port>'}${str(a.uri) && a.port ? ` and register ${str(a.uri)}` : ''}`,
  'verify.sign-in-interactive': () => 'run without --headless (the system browser opens), or pass --browser-command \'<command>\' that drives a browser through the sign-in',
  'config.set-callback-port': (a) => `iam-mcp-helper setup --url <mcp-url> --client-id <id> --callback-port ${str(a.port) ?? '<port>'} [--config <path>]`,
  'bridge.stop-stale': (a) => `iam-mcp-helper bridge-stop --port ${str(a.port) ?? '<port>'}${str(a.pid) ? ` --pid ${str(a.pid)}` : ''}`,
  'bridge.clear-cache': () => 'iam-mcp-helper bridge-cache clear [--config <path>] [--name <entry>]',
  'bridge.use-cache': () => 'pass --use-bridge-cache to reuse the bridge\'s sign-in',
};

export function phraseFix(action: FixAction | undefined): string | undefined {
  return action ? PHRASES[action.action]?.(action) : undefined;
}
