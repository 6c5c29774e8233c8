/**
 * The bundle's server entry point (`server/index.mjs`): runs the mcp-remote shipped in
 * `server/node_modules` in-process, with the MCP URL and pinned callback from the manifest's
 * `mcp_config.env` and the client ID and scopes from `user_config`. Building the mcp-remote
 * arguments here (JSON.stringify) keeps any character of a client ID or scope out of a hand-built
 * JSON string. mcp-remote reads `process.argv.slice(2)` when its `proxy.js` loads.
 */
export const SERVER_SCRIPT = `// Written by iam-mcp-helper: starts the mcp-remote shipped in ./node_modules with this bundle's settings.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const env = process.env;
const clientId = (env.IAM_CLIENT_ID ?? '').trim();
const scopes = (env.IAM_SCOPES ?? '').split(/\\s+/).filter(Boolean).join(' ');
if (!clientId || clientId.startsWith('\${')) {
  process.stderr.write('iam-mcp-helper bundle: the Client ID is empty. Set it in Claude Desktop: Settings, Extensions, this extension, Configure.\\n');
  process.exit(1);
}
const proxy = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', 'mcp-remote', 'dist', 'proxy.js');
const args = [env.IAM_MCP_URL, env.IAM_CALLBACK_PORT, '--host', env.IAM_CALLBACK_HOST, '--callback-path', env.IAM_CALLBACK_PATH,
  '--static-oauth-client-info', JSON.stringify({ client_id: clientId })];
if (scopes) args.push('--static-oauth-client-metadata', JSON.stringify({ scope: scopes }));
if (env.IAM_ALLOW_HTTP === 'true') args.push('--allow-http');
process.argv = [process.argv[0], proxy, ...args];
await import(pathToFileURL(proxy).href);
`;
