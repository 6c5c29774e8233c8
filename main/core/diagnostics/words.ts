/**
 * The one place that turns a diagnosed cause into the words a user reads (docs/architecture.md, Conventions 6).
 * Checks name a cause key and its facts; this file owns every sentence and fix, so the CLI, GUI
 * and reports say the same thing. Facts cited are in docs/iam-facts.md.
 */
import { ROUTE_WORDS } from './words-routes.js';

export interface Words { cause: string; fix?: string; fixAction?: FixAction }
type V = Record<string, string | number | undefined>;
import type { FixAction } from '../../contract/check.js';

const W: Record<string, (v: V) => Words> = {
  // config.*
  'config-missing': (v) => ({ cause: `Claude Desktop's config file was not found at ${v.path}.`, fix: 'Write the entry with the helper\'s setup, or point the helper at the config file Claude Desktop reads.', fixAction: { action: 'config.rewrite-entry' } }),
  'config-unreadable': (v) => ({ cause: `The config file ${v.path} cannot be read (${v.error}).`, fix: 'Check the file permissions.' }),
  'config-invalid-json': (v) => ({ cause: `The config file is not valid JSON at line ${v.line}, column ${v.column} (${v.error}); Claude Desktop then loads no MCP servers at all.`, fix: `Fix the JSON at ${v.path}:${v.line}:${v.column} (Claude Desktop allows no comments or trailing commas).` }),
  'config-bom': (v) => ({ cause: `The config file starts with a byte order mark (BOM, an invisible mark some Windows editors add), which JSON.parse rejects; Claude Desktop then loads no MCP servers (docs/claude-desktop-config.md).`, fix: `Let the helper's setup remove the BOM (after a backup; everything else is kept). Or save ${v.path} as "UTF-8" without BOM.`, fixAction: { action: 'config.rewrite-entry' } }),
  'entry-missing': (v) => ({ cause: `There is no "${v.name}" entry under "mcpServers".`, fix: 'Add it with the helper\'s setup, or name the entry the config has.', fixAction: { action: 'config.rewrite-entry', name: v.name } }),
  'package-missing': (v) => ({ cause: `The command runs the npm package "${v.pkg}", which does not exist on the npm registry, so Claude Desktop shows "Unable to connect to MCP server".`, fix: 'Use the mcp-remote bridge: `npx -y mcp-remote <url> --static-oauth-client-info \'{"client_id":"…"}\' --static-oauth-client-metadata \'{"scope":"…"}\'` (the helper\'s setup writes it).', fixAction: { action: 'config.rewrite-entry' } }),
  'package-version-missing': (v) => ({ cause: `Version ${v.version} of "${v.pkg}" is not on the npm registry.`, fix: `Use an existing version (latest: ${v.latest}).`, fixAction: { action: 'config.rewrite-entry' } }),
  'package-lookup-failed': (v) => ({ cause: `The npm registry (${v.registry}) could not be asked about "${v.pkg}" (${v.error}); npx will fail the same way if the registry is unreachable.`, fix: 'Check the network or the npm registry setting (npm_config_registry).' }),
  'package-not-bridge': (v) => ({ cause: `The command runs "${v.pkg}", which is not the mcp-remote bridge this helper knows.`, fix: 'If the connection fails, switch to mcp-remote (the helper\'s setup writes that entry).', fixAction: { action: 'config.rewrite-entry' } }),
  'no-bridge-package': (v) => ({ cause: `The command "${v.command}" does not run an npm package through npx.` }),
  'placeholders': (v) => ({ cause: `The entry still contains the guide's placeholder${v.many ? 's' : ''} ${v.found}.`, fix: 'Put your IAM server\'s MCP URL and your application\'s client id in their place (the helper\'s setup writes them).', fixAction: { action: 'config.rewrite-entry' } }),
  'url-missing': () => ({ cause: 'No MCP URL is known: the entry has none and none was given.', fix: 'Give the MCP URL (https://<your-iam>/api/mcp), or fix the entry.', fixAction: { action: 'run.give-url' } }),
  'url-invalid': (v) => ({ cause: `"${v.url}" is not an http(s) URL.`, fix: 'Use the full URL of the MCP endpoint, e.g. https://iam.example.com/api/mcp.' }),
  'url-http': (v) => ({ cause: `The MCP URL uses plain http for the non-loopback host ${v.host}: mcp-remote refuses it unless the entry passes --allow-http, and tokens would travel unencrypted.`, fix: `Use ${v.https} if the server offers https.`, fixAction: { action: 'config.rewrite-entry' } }),
  'url-http-allowed': (v) => ({ cause: `The MCP URL uses plain http for the non-loopback host ${v.host}; the entry passes --allow-http, so mcp-remote accepts it, but tokens travel unencrypted.`, fix: `Use ${v.https} if the server offers https; keep plain http only for a test server.`, fixAction: { action: 'config.rewrite-entry' } }),
  'scope-guide-names': (v) => ({ cause: `The scopes ${v.found} are the guide's names: ${v.source}, so every tool call would be refused as insufficient_scope.`, fix: `Request them with mcp-remote's --static-oauth-client-metadata '${JSON.stringify({ scope: v.suggested })}'.`, fixAction: { action: 'config.set-scopes', scopes: v.suggested } }),
  'scope-guide-names-unadvertised': (v) => ({ cause: `The scopes ${v.found} are the Hanzo IAM guide's names (Hanzo IAM calls them ${v.fixed}); this server does not advertise them (it advertises ${v.advertised}).`, fix: 'Check the names against the scopes the application in your IAM allows.', fixAction: { action: 'config.set-scopes' } }),
  'scope-unknown': (v) => ({ cause: `The scopes ${v.found} are not among the ones this server advertises: ${v.advertised}${v.byShape ?? ''}.`, fix: 'Check the names against the scopes the application in your IAM allows.', fixAction: { action: 'config.set-scopes' } }),
  'scope-names-unchecked': (v) => ({ cause: `The scope names cannot be compared with the server's: ${v.why}.` }),
  'scope-none': () => ({ cause: 'The entry requests no scopes, so the token carries only the server\'s defaults.', fix: 'Name the scopes the tools need in mcp-remote\'s --static-oauth-client-metadata \'{"scope":"…"}\'.', fixAction: { action: 'config.set-scopes' } }),
  'env-ignored': (v) => ({ cause: `${v.vars} ${v.many ? 'are' : 'is'} set in the entry's env, but mcp-remote ignores ${v.many ? 'them' : 'it'} (they belonged to the guide's nonexistent package)${v.unused ? '; the client id never reaches the bridge' : ''}.`, fix: `Pass the client id with --static-oauth-client-info '${JSON.stringify({ client_id: v.clientId ?? '…' })}' and the scopes with --static-oauth-client-metadata '${JSON.stringify({ scope: v.scopes ?? '…' })}', and remove the env vars.`, fixAction: { action: 'config.rewrite-entry' } }),
  'command-missing': (v) => ({ cause: `"${v.command}" is not on the PATH Claude Desktop gets (${v.path}); GUI apps do not read your shell's profile.`, fix: `Use the absolute path (${v.hint}) as "command".`, fixAction: { action: 'config.rewrite-entry' } }),
  'node-too-old': (v) => ({ cause: `The Node.js next to "${v.command}" is ${v.version}; mcp-remote needs Node 20 or newer.`, fix: 'Install Node.js 20+ (and point "command" at its npx).' }),
  'windows-no-cmd': (v) => ({ cause: `On Windows Claude Desktop cannot start "${v.command}" directly (it is a .cmd script).`, fix: 'Use "command": "cmd" with "args": ["/c", "npx", …].', fixAction: { action: 'config.rewrite-entry' } }),
  'callback-unpinned': (v) => ({ cause: `The callback port is not pinned: mcp-remote derives ${v.port} from the URL, and the redirect URI to register is ${v.uri}.`, fix: 'Pin the port (a number after the URL) so the registered redirect URI stays right.', fixAction: { action: 'config.rewrite-entry' } }),
  'callback-not-mcp-remote': () => ({ cause: 'The entry does not run mcp-remote, so its redirect URI is unknown.', fix: 'Switch to mcp-remote (the helper\'s setup writes that entry).', fixAction: { action: 'config.rewrite-entry' } }),
  // net.*, mcp.endpoint
  'dns': (v) => ({ cause: `The host name ${v.host} does not resolve (${v.code}).`, fix: 'Check the spelling of the host in the URL, and your DNS/VPN.' }),
  'tcp': (v) => ({ cause: `Nothing accepts connections on ${v.host}:${v.port} (${v.code}).`, fix: 'Check the port in the URL, that the server runs, and any firewall or proxy.' }),
  'tls-expired': (v) => ({ cause: `The server's TLS certificate has expired (valid to ${v.validTo}).`, fix: 'Renew the certificate on the server.' }),
  'tls-self-signed': () => ({ cause: 'The server presents a self-signed certificate that Node.js does not trust.', fix: 'Use a certificate from a public CA, or set NODE_EXTRA_CA_CERTS in the entry\'s env to your CA file.' }),
  'tls-unknown-ca': () => ({ cause: 'The server\'s certificate chain does not lead to a CA that Node.js trusts (missing intermediate or private CA).', fix: 'Serve the full chain, or set NODE_EXTRA_CA_CERTS in the entry\'s env.' }),
  'tls-hostname': (v) => ({ cause: `The certificate is for ${v.altNames}, not for ${v.host}.`, fix: 'Use the host name the certificate names, or fix the certificate.' }),
  'tls-plain-http': (v) => ({ cause: `${v.host}:${v.port} does not speak TLS (${v.error}); it is probably a plain-http port.`, fix: 'Use http:// for this port, or the server\'s https port.', fixAction: { action: 'config.rewrite-entry' } }),
  'tls-other': (v) => ({ cause: `The TLS handshake with ${v.host} failed (${v.error}).`, fix: 'Check the server\'s TLS setup.' }),
  'http-timeout': (v) => ({ cause: `No answer from ${v.host} within ${v.ms} ms: the host accepts connections but does not respond.`, fix: 'Check the server and any proxy or firewall; allow a longer time limit if it is just slow.', fixAction: { action: 'run.raise-timeout' } }),
  'http-network': (v) => ({ cause: `The request to ${v.url} failed (${v.code}: ${v.error}).`, fix: 'Check the URL, the server and any proxy.' }),
  'http-to-https': (v) => ({ cause: `The server sent plain http to an https port, or answered http with a redirect to ${v.location}: the URL's scheme is wrong.`, fix: `Use ${v.suggested} in the entry.`, fixAction: { action: 'config.rewrite-entry' } }),
  'http-redirect': (v) => ({ cause: `The MCP URL answers with a redirect (${v.status}) to ${v.location}; MCP clients do not follow redirects on POST.`, fix: `Use the final URL${v.suggested ? ` ${v.suggested}` : ''} in the entry.`, fixAction: { action: 'config.rewrite-entry' } }),
  'mcp-404': (v) => ({ cause: `${v.url} answers 404: this is not the MCP endpoint (wrong URL)${v.advertised ? `; the server names ${v.advertised} as its MCP endpoint` : ''}.`, fix: v.advertised ? `Use ${v.advertised} as the MCP URL in the entry.` : 'Use the server\'s MCP path: `/api/mcp` on Casdoor-shaped servers, `/mcp` on the newer one.', fixAction: { action: 'config.rewrite-entry' } }),
  'mcp-html': (v) => ({ cause: `${v.url} answers with a web page${v.login ? ' (a login page)' : ''}, not MCP: wrong URL${v.advertised ? `; the server names ${v.advertised} as its MCP endpoint` : ''}.`, fix: v.advertised ? `Use ${v.advertised} as the MCP URL in the entry.` : 'Use the MCP endpoint URL (`/api/mcp` or `/mcp`), not the IAM web address.', fixAction: { action: 'config.rewrite-entry' } }),
  'mcp-other': (v) => ({ cause: `${v.url} answered ${v.status} to an MCP initialize, not a JSON-RPC reply.`, fix: 'Check the URL is the MCP endpoint and the server is healthy.' }),
  // discovery.*
  'prm-missing': (v) => ({ cause: `No OAuth protected resource metadata (RFC 9728) at ${v.tried}; newer MCP clients need it to find the authorization server.`, fix: 'Upgrade the IAM server, or check the MCP URL.' }),
  'as-missing': (v) => ({ cause: `No authorization server metadata (RFC 8414 / OpenID discovery) at ${v.tried}.`, fix: 'Check that the IAM server URL is right and the server exposes /.well-known/openid-configuration.' }),
  'as-incomplete': (v) => ({ cause: `The authorization server metadata lacks ${v.missing}.`, fix: 'Fix the server\'s discovery document.' }),
  'pkce-missing': (v) => ({ cause: `The server does not advertise PKCE S256 (code_challenge_methods_supported: ${v.methods}); MCP clients must refuse to log in.`, fix: 'Upgrade the server; IAM supports S256 per request (there is no "Enable PKCE" switch).' }),
  'issuer-mismatch': (v) => ({ cause: `The metadata's issuer "${v.issuer}" differs from the URL it was fetched for (${v.expected}); clients reject it (RFC 8414 §3.3).`, fix: 'Set the server\'s origin/issuer setting to its public URL.' }),
  'no-refresh-grant': (v) => ({ cause: `The server does not list refresh_token among grant_types_supported (${v.grants}): tokens cannot be renewed, so you sign in again at every expiry.`, fix: 'Enable the Refresh Token grant on the application in IAM.' }),
  // redirect.loopback
  'redirect-refused': (v) => ({ cause: `The server refuses the redirect URI the bridge will use, ${v.uri}${v.rule ? `: ${v.rule}` : ''}.`, fix: `Add ${v.add} to the application's Redirect URIs in IAM${v.alt ? `, or ${v.alt}` : ''}.`, fixAction: v.alt ? { action: 'config.rewrite-entry' } : { action: 'iam.register-redirect-uri', uri: v.add } }),
  'redirect-client-unknown': (v) => ({ cause: `The server does not know the client id "${v.clientId}".`, fix: 'Copy the Client ID from the application\'s page in IAM.', fixAction: { action: 'config.set-client-id' } }),
  'redirect-unclear': (v) => ({ cause: `${v.method} answered ${v.status}${v.said ? ` "${v.said}"` : ''}, which does not show whether ${v.uri} is accepted.`,
    fix: 'Try a real sign-in with the helper\'s verify.', fixAction: { action: 'verify.run' } }),
  'redirect-scope-refused': (v) => ({ cause: `The server refuses the requested scopes "${v.scopes}"${v.said ? ` (it answered "${v.said}")` : ''}: the application in IAM does not allow one of them, so the sign-in fails before the redirect URI ${v.uri} is even checked.`,
    fix: 'Request only scopes the application in IAM allows (Scopes on the application\'s page), then run the checks again.', fixAction: { action: 'config.set-scopes' } }),
  'redirect-no-client-no-dcr': () => ({ cause: 'The entry gives mcp-remote no client id and the server offers no dynamic client registration, so the bridge cannot start a sign-in ("dynamic client registration is disabled").',
    fix: 'Add --static-oauth-client-info \'{"client_id":"<Client ID from the application\'s page in IAM>"}\' to the entry\'s args (the helper\'s setup writes it).', fixAction: { action: 'config.rewrite-entry' } }),
  // cors.*
  'cors-mcp': (v) => ({ cause: `Browser-based MCP clients at ${v.origins} are blocked: ${v.problems}. Claude Desktop (no browser origin) is not affected.`, fix: 'Only if you use a browser-based client: allow these origins and headers on the MCP endpoint (server CORS settings).' }),
  'cors-metadata': (v) => ({ cause: `Browser clients cannot read the discovery documents ${v.problems}; Claude Desktop is not affected.`, fix: 'Only for browser-based clients: allow cross-origin GET on the .well-known documents.' }),
  'cors-token': (v) => ({ cause: `Browser clients cannot call the token endpoint: ${v.problems}. Claude Desktop is not affected.`, fix: 'Only for browser-based clients: allow cross-origin POST on the token endpoint.' }),
  // scope.*, token.*
  'scope-not-granted': (v) => ({ cause: `The token lacks requested scopes ${v.missing} (granted: ${v.granted}); the application in IAM probably does not allow them, or consent was not given.`, fix: 'Add the scopes to the application in IAM, then clear the bridge cache and sign in again.', fixAction: { action: 'bridge.clear-cache' } }),
  'insufficient-scope': (v) => ({ cause: `The server refused ${v.tool} as insufficient_scope: it needs "${v.required}" (granted: ${v.granted}).`, fix: `Request it: --static-oauth-client-metadata '${v.metadata}', then clear the bridge cache and sign in again.`, fixAction: { action: 'config.set-scopes', scopes: v.scopes } }),
  'token-rejected': (v) => ({ cause: `The server rejected the token (${v.detail}).`, fix: 'Sign in again (clear the bridge cache so mcp-remote asks for a new token).', fixAction: { action: 'bridge.clear-cache' } }),
  'tool-call-failed': (v) => ({ cause: `The tool call failed: ${v.error}.`, fix: 'See the evidence; verify the full flow with the helper\'s verify.', fixAction: { action: 'verify.run' } }),
  'token-expired': (v) => ({ cause: `The access token expired ${v.ago} ago (exp ${v.exp}).`, fix: 'Sign in again, or let the bridge refresh it (needs the Refresh Token grant).', fixAction: { action: 'bridge.clear-cache' } }),
  'token-expiring': (v) => ({ cause: `The access token expires in ${v.left}.`, fix: 'Nothing now; the bridge refreshes it if the Refresh Token grant is enabled.' }),
  'token-opaque': () => ({ cause: 'The token is not a JWT, so its expiry cannot be read locally.' }),
  'clock-skew': (v) => ({ cause: `This computer's clock is ${Math.abs(Number(v.skew))} s ${Number(v.skew) < 0 ? 'behind' : 'ahead of'} the server's, so tokens may look expired or not yet valid.`, fix: 'Turn on automatic time sync in the system settings.' }),
  'no-date': () => ({ cause: 'The server sent no Date header to compare clocks with.' }),
  'refresh-disabled': () => ({ cause: 'The server refuses the refresh grant for this application.', fix: 'Enable Refresh Token in the application\'s Grant types in IAM.' }),
  'refresh-not-issued': () => ({ cause: 'The login returned no refresh token, so the bridge cannot renew the access token and you will sign in again at every expiry.', fix: 'Enable Refresh Token in the application\'s Grant types in IAM.' }),
  'refresh-clock': (v) => ({ cause: `The server renewed the token, but the times in the token it sent back are invalid by this computer's clock (${v.error}): the two clocks disagree (see token.clock-skew), so a client that checks token times refuses them.`, fix: 'Turn on automatic time sync in the system settings; if this computer\'s time is right, ask the IAM administrator to fix the server\'s clock.' }),
  'refresh-failed': (v) => ({ cause: `The refresh grant failed (${v.error}).`, fix: 'Sign in again; check the application\'s refresh token lifetime.', fixAction: { action: 'bridge.clear-cache' } }),
  'refresh-dies-with-access': () => ({ cause: 'The refresh token expires when the access token does (Refresh Token expiry 0, or no longer than the access token\'s), so once the access token expires the bridge cannot renew it and asks you to sign in again.', fix: 'Set a Refresh Token expiry (hours) longer than the access token\'s on the application in IAM.' }),
  'no-refresh-token': (v) => ({ cause: `No refresh token to test (${v.why}).` }),
  // bridge.*, claude.*
  'cache-expired': (v) => ({ cause: `mcp-remote's cached token for this server expired ${v.ago} ago and there is no refresh token; the bridge will ask you to sign in again.`, fix: 'Clear the bridge cache, then restart Claude Desktop.', fixAction: { action: 'bridge.clear-cache' } }),
  'cache-foreign': (v) => ({ cause: `mcp-remote's cached token for this server was issued ${v.what}, not for this entry; the bridge keeps using it.`, fix: 'Clear the bridge cache so it signs in with this entry\'s settings.', fixAction: { action: 'bridge.clear-cache' } }),
  'cache-unreadable': (v) => ({ cause: `mcp-remote's cache file ${v.file} is not valid JSON; the bridge ignores it.`, fix: 'Clear the bridge cache.', fixAction: { action: 'bridge.clear-cache' } }),
  'claude-restart': () => ({ cause: 'Claude Desktop was running when its config changed; it reads the config only at start.', fix: 'Quit Claude Desktop fully (tray/menu bar: Quit) and open it again.', fixAction: { action: 'claude.restart-hint' } }),
  'claude-log-errors': (v) => ({ cause: `Claude's MCP log for "${v.name}" shows: ${v.causes}.`, fix: 'See the matching check above for the fix; the log lines are in the evidence.' }),
  'claude-no-log': (v) => ({ cause: `No MCP log for "${v.name}" in ${v.dir} (Claude Desktop has not started this server yet).` }),
  // Notes on skips and passes.
  'no-url': () => ({ cause: 'No valid MCP URL (from the entry or given).' }),
  'no-entry': () => ({ cause: 'No entry to check.' }),
  'no-entry-in-config': () => ({ cause: 'No entry to read it from (see config.found, config.json-valid and config.entry-present).' }),
  'cache-empty': () => ({ cause: 'No cached token: the bridge signs in on first use.' }),
  'no-process-list': () => ({ cause: 'The process list is not available.' }),
  'claude-not-running': () => ({ cause: 'Claude Desktop is not running, so it has not loaded this config yet; it reads the config when it starts.' }),
  'claude-not-installed': () => ({ cause: 'Claude Desktop is not running and does not seem to be installed here (no Claude config or log folder); nothing has loaded this config.' }),
  'no-token-endpoint': () => ({ cause: 'No token endpoint in the metadata.' }),
  'redirect-uri-unknown': () => ({ cause: 'The entry does not run mcp-remote, so its redirect URI is unknown (see config.callback).' }),
  'redirect-no-client': () => ({ cause: 'No client id (from the entry or given) to ask the server about.' }),
  'scope-claim-missing': () => ({ cause: 'The token does not say which scopes it carries.' }),
  'no-tool': (v) => ({ cause: `No ${v.kind} tool is listed for this token.` }),
  'callback-register': (v) => ({ cause: `Register ${v.uri} on the application in IAM.` }),
  'login-failed': (v) => ({ cause: `The login did not complete: ${v.error}`, fix: 'Run the helper\'s verify to see the failing step.', fixAction: { action: 'verify.run' } }),
  'no-config': (v) => ({ cause: v.path ? `No config at ${v.path}; diagnosing the server at the URL given.` : 'No config file.' }),
  'no-tls': () => ({ cause: 'The URL uses http; no TLS.' }),
  'not-tls': (v) => ({ cause: `${v.host}:${v.port} does not speak TLS; see net.http-scheme.` }),
  ...ROUTE_WORDS,
};

/** Lines of Claude's MCP log → the check that explains them. First match per line wins. */
export const LOG_CAUSES: { re: RegExp; cause: string; check: string }[] = [
  { re: /E404|404 Not Found - GET https:\/\/registry\.npmjs\.org/i, cause: 'npx could not find the package (config.bridge-package)', check: 'config.bridge-package' },
  { re: /insufficient_scope/i, cause: 'tool calls refused for missing scope (scope.tool-access)', check: 'scope.tool-access' },
  { re: /redirect[ _]uri.*(doesn't exist|invalid|mismatch)|invalid redirect_uri/i, cause: 'redirect URI refused (redirect.loopback)', check: 'redirect.loopback' },
  { re: /Non-HTTPS URLs are only allowed/i, cause: 'http URL refused by mcp-remote (config.url-https)', check: 'config.url-https' },
  { re: /ENOTFOUND|EAI_AGAIN/i, cause: 'host name did not resolve (net.dns)', check: 'net.dns' },
  { re: /ECONNREFUSED/i, cause: 'connection refused (net.tcp)', check: 'net.tcp' },
  { re: /CERT_HAS_EXPIRED|certificate has expired|self[- ]signed certificate|ERR_TLS_CERT_ALTNAME_INVALID|unable to verify the first certificate/i, cause: 'TLS certificate rejected (net.tls)', check: 'net.tls' },
  { re: /EADDRINUSE/i, cause: 'the callback port is taken by another process (bridge.callback-port)', check: 'bridge.callback-port' },
  { re: /Invalid scope/i, cause: 'the application does not allow a requested scope (config.scope-names)', check: 'config.scope-names' },
  { re: /refresh_token is not supported|refresh token is (invalid|expired)/i, cause: 'token refresh refused (token.refresh)', check: 'token.refresh' },
  { re: /dynamic client registration is disabled|Incompatible auth server: does not support dynamic client registration/i, cause: 'no client id given, and registration is off (config.env-ignored)', check: 'config.env-ignored' },
  { re: /spawn .* ENOENT|command not found/i, cause: 'the command was not found (config.command-resolvable)', check: 'config.command-resolvable' },
];

export function say(key: string, vars: V = {}): Words {
  const make = W[key];
  if (!make) throw new Error(`words: unknown cause key ${key}`);
  return make(vars);
}

/**
 * Why a check did not run, in words both doors can show: no door's controls or flags. When the
 * person can make it run, `fixAction` carries the action and each door phrases it
 * (docs/fix-actions.md; the CLI's `how:` line names its flag).
 */
const SKIP: Record<string, (a?: string, b?: string) => Words> = {
  offline: () => ({ cause: 'Skipped: this run checks nothing over the network.' }),
  'no-token': () => ({ cause: 'Skipped: this check needs a sign-in, and this run has none.', fix: 'Sign in first to run this check.', fixAction: { action: 'run.sign-in' } }),
  aborted: () => ({ cause: 'Skipped: the run was cancelled.' }),
  blocked: (id, status) => ({ cause: `Skipped: needs ${id}, which ${status === 'fail' ? 'failed' : 'was skipped'}.` }),
};

export function skipWords(reason: string, a?: string, b?: string): Words {
  return (SKIP[reason] ?? (() => ({ cause: `Skipped: ${reason}.` })))(a, b);
}

export function timeoutWords(id: string, ms: number): Words {
  return { cause: `${id} got no answer within ${ms} ms (the host accepts connections but does not respond, or is very slow).`, fix: 'Check the server and any proxy or firewall; allow a longer time limit if the server is just slow.', fixAction: { action: 'run.raise-timeout' } };
}

export function crashWords(id: string): Words {
  return { cause: `${id} could not complete (internal error, see evidence).` };
}
