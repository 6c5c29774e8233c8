/**
 * Words for the connector, bridge pre-flight and route checks (kept beside words.ts, which spreads
 * them into its table: one `say()` for every check). Facts: docs/claude-routes.md.
 */
import type { FixAction } from '../../contract/check.js';

type V = Record<string, string | number | undefined>;
interface Words { cause: string; fix?: string; fixAction?: FixAction }

export const ROUTE_WORDS: Record<string, (v: V) => Words> = {
  // connector.*
  'connector-not-public': (v) => ({ cause: `${v.literal ? `The address ${v.host} is` : `${v.host} resolves to`} ${v.found}, not reachable from Anthropic's cloud, where custom connectors connect from.`,
    fix: 'Publish the IAM (and its MCP endpoint) under a public host name with a public address, or use the extension bundle or config bridge, which connect from this computer.' }),
  'connector-dns': (v) => ({ cause: `${v.host} does not resolve here (${v.code}); Anthropic's cloud cannot resolve it either unless it is in public DNS.`, fix: 'Publish the host name in public DNS.' }),
  'connector-http': (v) => ({ cause: `${v.url} uses plain http; custom connectors need https with a publicly trusted certificate.`, fix: 'Serve the MCP endpoint and the IAM over https.' }),
  'connector-tls-untrusted': (v) => ({ cause: `${v.host}'s certificate does not verify against the public root CAs alone (${v.code}); a private or self-signed CA works on your computer but not from Anthropic's cloud.`,
    fix: 'Use a certificate from a public CA (e.g. Let\'s Encrypt) and serve the full chain.' }),
  'connector-tls-failed': (v) => ({ cause: `The TLS handshake with ${v.host}:${v.port} failed (${v.error}).`, fix: 'Check the server\'s TLS setup; custom connectors need https.' }),
  'connector-callback-refused': (v) => ({ cause: `The application "${v.clientId}" does not accept ${v.refused} as a redirect URI, so the connector's sign-in fails after login.`,
    fix: `Add ${v.refused} to the application's Redirect URIs in IAM (Claude uses both callbacks).` }),
  'connector-callback-unclear': (v) => ({ cause: `The server's answer does not show whether ${v.uri} is accepted (${v.status}).`, fix: 'Check the application\'s Redirect URIs in IAM list both Claude callbacks.' }),
  'connector-callback-client-unknown': (v) => ({ cause: `The server does not know the client id "${v.clientId}".`, fix: 'Copy the Client ID from the application\'s page in IAM.' }),
  'connector-callback-no-client': () => ({ cause: 'No client ID given: with dynamic registration or a metadata document Claude registers its callback itself.' }),
  'connector-no-registration': () => ({ cause: 'No client ID was given and the server advertises neither dynamic client registration (registration_endpoint) nor client ID metadata documents, so Claude cannot get a client.',
    fix: 'Create an application in IAM with the Claude callbacks as Redirect URIs and enter its Client ID under Advanced settings.' }),
  'connector-dcr-disabled': (v) => ({ cause: `The server advertises registration_endpoint ${v.endpoint}, but registration is refused (${v.said}), and no client ID was given.`,
    fix: 'Enter a Client ID under Advanced settings (an IAM application with the Claude callbacks), or enable dynamic client registration for the organization in IAM.' }),
  'connector-resource-mismatch': (v) => ({ cause: `The protected resource metadata names ${v.resource} as the resource, not ${v.url}, the URL entered; Claude refuses a mismatch (RFC 9728 §3.3).`,
    fix: `Enter ${v.resource} as the connector URL, or set the server's public URL so the metadata names ${v.url}.` }),
  'connector-no-prm': (v) => ({ cause: `No protected resource metadata (RFC 9728) found for ${v.url}; Claude finds the IAM through it.`, fix: 'Upgrade the IAM server, or check the MCP URL.' }),
  'connector-no-as': () => ({ cause: 'No authorization server metadata found; Claude cannot find the authorization and token endpoints.', fix: 'Check that the IAM exposes /.well-known/oauth-authorization-server.' }),
  'connector-pkce': (v) => ({ cause: `The server does not advertise PKCE S256 (code_challenge_methods_supported: ${v.methods}); MCP clients must refuse to sign in.`, fix: 'Upgrade the IAM server.' }),
  // bridge.node-version, bridge.callback-port
  'bridge-node-old': (v) => ({ cause: `Claude's PATH runs ${v.command} with Node ${v.version} (${v.node}), but the pinned mcp-remote needs ${v.needs}.`,
    fix: `Install a Node.js that satisfies ${v.needs} and point the entry's "command" at its npx, or use the extension bundle (Claude's built-in Node).`, fixAction: { action: 'config.rewrite-entry' } }),
  'bridge-node-unknown': (v) => ({ cause: `Could not run ${v.node} --version to compare with mcp-remote's requirement ${v.needs}.`, fix: 'Run `node --version` with the same PATH as Claude Desktop.' }),
  'bridge-node-no-command': (v) => ({ cause: `"${v.command}" is not found on Claude's PATH (see config.command-resolvable).` }),
  'bridge-node-not-node': (v) => ({ cause: `The entry runs "${v.command}", not npx or node.` }),
  'bridge-requirements-unknown': (v) => ({ cause: `The installed mcp-remote could not be read (${v.error}), so its Node requirement is unknown.`, fix: 'Reinstall the helper: its installed files are incomplete.' }),
  'bridge-port-stale': (v) => ({ cause: `The callback port ${v.port} is held by a leftover mcp-remote (pid ${v.pid}: ${v.cmd}); the new bridge cannot receive the sign-in.`,
    fix: `Stop pid ${v.pid} (the helper asks first and stops only that process), then restart Claude Desktop.`, fixAction: { action: 'bridge.stop-stale', pid: v.pid, port: v.port } }),
  'bridge-port-other': (v) => ({ cause: `The callback port ${v.port} is held by ${v.holder}; mcp-remote cannot listen there, so the sign-in cannot complete.`,
    fix: `Pin another callback port in the entry, e.g. ${v.suggested} (then register ${v.uri} on the application).`, fixAction: { action: 'config.set-callback-port', port: v.suggested, uri: v.uri } }),
  'bridge-port-unknown-holder': (v) => ({ cause: `The callback port ${v.port} is in use, by a process that could not be identified (${v.why}).`,
    fix: `Pin another callback port in the entry, e.g. ${v.suggested} (then register ${v.uri} on the application).`, fixAction: { action: 'config.set-callback-port', port: v.suggested, uri: v.uri } }),
  'bridge-port-none': () => ({ cause: 'No callback port is known (no mcp-remote entry and no URL).' }),
  'bridge-port-no-probe': () => ({ cause: 'Port probing is not available in this run.' }),
};
