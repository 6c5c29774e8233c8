/**
 * Turns what a bridge run left behind (mcp-remote's and npm's stderr, the browser command's
 * output, the authorization URL's answer) into findings with the doctor's ids. Messages matched
 * are mcp-remote 0.15.1's (dist/chunk-*.js `log(...)` calls) and npm 11's `npm error` lines.
 * Pure: text in, CheckResults out.
 */
import type { CheckResult, FixAction } from '../../contract/check.js';
import { redactText } from '../http/redact.js';
import { BRIDGE_CALLBACK_HOST, BRIDGE_CALLBACK_PATH, bridgeRedirectUri } from '../mcp-remote-facts.js';

export interface FindingInput {
  /** The bridge's whole stderr. */
  stderr: string;
  /** Output of the browser command / the authorization page's text, when there was one. */
  loginText?: string;
  /** The redirect_uri the bridge put in its authorization URL. */
  redirectUri?: string;
  /** Package npx runs, for the package finding. */
  packageSpec?: string;
}

/** The last `n` lines containing `pattern`, redacted (evidence). */
function linesMatching(text: string, pattern: RegExp, n = 3): string[] {
  return text.split('\n').filter((line) => pattern.test(line)).slice(-n).map((line) => redactText(line.trim()));
}

const fail = (id: string, title: string, evidence: Record<string, unknown>, cause: string, fix: string, fixAction?: FixAction): CheckResult =>
  ({ id, status: 'fail', title, evidence, cause, fix, ...(fixAction ? { fixAction } : {}) });

const PORT_IN_USE = /Callback port (\d+) is already in use/;
const NO_FREE_PORT = /Could not find a free callback port for this server \(tried (\d+)-(\d+)\)/;
const SIBLING = /Another instance is running the sign-in for this server on port (\d+)|Authentication is still pending in another instance on port (\d+)/;
const NPM_404 = /npm (?:error|ERR!) (?:code E404|404 )/;
const NPM_OFFLINE = /npm (?:error|ERR!) code ENOTCACHED/;
const NPM_NET = /npm (?:error|ERR!) code (ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET)/;
const NODE_OLD = /EBADENGINE|Unsupported engine|npm (?:error|ERR!) notsup|requires Node(?:\.js)? v?\d|ReferenceError: (?:fetch|ReadableStream|File|Headers|structuredClone) is not defined|SyntaxError: Unexpected token '?(?:\?|\.|\|\|=)/;
const REDIRECT = /invalid redirect_uri|redirect_uri_mismatch|doesn't exist in the allowed Redirect URI list|Redirect URI mismatch|redirect uri (?:is )?not (?:allowed|registered)/i;
const INVALID_CLIENT = /invalid_client|unknown client_id|client_secret is invalid|Invalid client/i;
const TOKEN_EXCHANGE = /Token exchange failed|invalid_grant|verifier is invalid|authorization code[^\n]*(?:invalid|has been used|has expired)|Challenge method should be S256/i;
const AUTH_DENIED = /Authorization failed: (\w+) - (.*)/;
const HTTPS_ONLY = /Non-HTTPS URLs are only allowed/;
const INIT_TIMEOUT = /Remote server did not answer 'initialize' within (\d+)s/;

export function bridgeFindings(input: FindingInput): CheckResult[] {
  const { stderr } = input;
  const login = input.loginText ?? '';
  const both = `${stderr}\n${login}`;
  const out: CheckResult[] = [];

  const inUse = PORT_IN_USE.exec(stderr) ?? NO_FREE_PORT.exec(stderr);
  if (inUse) {
    out.push(fail('bridge.callback-port', 'The bridge\'s OAuth callback port is free',
      { port: Number(inUse[1]), ...(inUse[2] ? { lastPortTried: Number(inUse[2]) } : {}), stderr: linesMatching(stderr, /callback port/i) },
      `Another process holds callback port ${inUse[1]} (EADDRINUSE): Claude Desktop is probably running this bridge now.`,
      'Quit Claude Desktop (or the other process holding the port) and run the check again, or verify reusing the bridge\'s cached sign-in.', { action: 'bridge.use-cache' }));
  } else if (SIBLING.test(stderr)) {
    out.push({ id: 'bridge.callback-port', status: 'warn', title: 'The bridge\'s OAuth callback port is free',
      evidence: { stderr: linesMatching(stderr, SIBLING) },
      cause: 'Another mcp-remote for this server (probably Claude Desktop\'s) owns the sign-in on the callback port; this run waits for it.',
      fix: 'Complete the sign-in in the browser window Claude Desktop opened, or quit Claude Desktop.' });
  }

  if (NPM_404.test(stderr)) {
    // npm 11: "'<pkg>@*' is not in this registry." or "The requested resource '<pkg>@*' could not be found".
    const pkg = /'([^']+?)@[^']*' (?:is not in this registry|could not be found)/.exec(stderr)?.[1] ?? input.packageSpec;
    out.push(fail('config.bridge-package', 'The bridge package exists', { package: pkg, stderr: linesMatching(stderr, /npm (?:error|ERR!)/, 4) },
      `The package ${pkg ?? '(unknown)'} does not exist on the npm registry (404), so Claude Desktop shows "Unable to connect to MCP server".`,
      'Use the mcp-remote bridge (the helper\'s setup writes the entry).', { action: 'config.rewrite-entry' }));
  } else if (NPM_OFFLINE.test(stderr) || NPM_NET.test(stderr)) {
    out.push(fail('config.bridge-package', 'The bridge package exists', { package: input.packageSpec, stderr: linesMatching(stderr, /npm (?:error|ERR!)/, 4) },
      `npx could not fetch ${input.packageSpec ?? 'the package'}: ${NPM_OFFLINE.test(stderr) ? 'it is not in the npm cache and npm is offline' : `the registry is unreachable (${NPM_NET.exec(stderr)?.[1]})`}.`,
      'Check the network and the npm registry setting (npm_config_registry), then run again.'));
  }

  if (NODE_OLD.test(stderr)) {
    out.push(fail('config.node-version', 'Node.js is new enough for the bridge', { stderr: linesMatching(stderr, NODE_OLD) },
      'The Node.js that runs the bridge is too old for it (mcp-remote needs Node 20 or newer).',
      'Install Node.js 20+ and make "command" point at its npx (absolute path if needed).'));
  }

  if (REDIRECT.test(both)) out.push(redirectFinding(input.redirectUri, linesMatching(both, REDIRECT)));

  if (INVALID_CLIENT.test(both)) {
    out.push(fail('oauth.client', 'The server knows the bridge\'s client', { lines: linesMatching(both, INVALID_CLIENT) },
      'The server rejected the client (invalid_client): the client id is wrong, or the application expects a client secret.',
      'Copy the Client ID from the application\'s page in IAM into --static-oauth-client-info.', { action: 'config.rewrite-entry' }));
  }

  if (TOKEN_EXCHANGE.test(both)) {
    out.push(fail('token.exchange', 'The authorization code is exchanged for a token', { lines: linesMatching(both, TOKEN_EXCHANGE) },
      'The token endpoint refused the authorization code exchange.',
      'See the server\'s answer in the evidence; clear the bridge cache and sign in again.', { action: 'bridge.clear-cache' }));
  }

  const denied = AUTH_DENIED.exec(stderr);
  if (denied && !REDIRECT.test(both) && !INVALID_CLIENT.test(both)) {
    out.push(fail('oauth.authorize', 'The login is approved', { error: denied[1], description: redactText(denied[2] ?? '') },
      `The authorization server answered the login with ${denied[1]}: ${denied[2]}.`,
      'Sign in with a user allowed to use the application and approve the consent screen.'));
  }

  if (HTTPS_ONLY.test(stderr)) {
    out.push(fail('config.url-https', 'MCP URL uses https (or loopback http)', { stderr: linesMatching(stderr, HTTPS_ONLY) },
      'mcp-remote refuses a plain-http URL for a non-loopback host.', 'Use the https URL, or add --allow-http for a test server.', { action: 'config.rewrite-entry' }));
  }
  const initTimeout = INIT_TIMEOUT.exec(stderr);
  if (initTimeout) {
    out.push(fail('bridge.timeout', 'The bridge verification finishes in time', { stderr: linesMatching(stderr, INIT_TIMEOUT) },
      `The MCP server did not answer the bridge's initialize within ${initTimeout[1]} s.`,
      'Check that the MCP URL is the MCP endpoint and the server is healthy (the helper\'s doctor checks both).'));
  }
  return out;
}

/**
 * The server refused the redirect URI the bridge sent. When the entry already sends the
 * 127.0.0.1 callback `setup` writes, the URI is right and only its registration is missing; when
 * it sends another (mcp-remote's default localhost/oauth/callback), both the entry and the
 * registration are candidates.
 */
function redirectFinding(sent: string | undefined, serverLines: string[]): CheckResult {
  const port = sent ? Number(new URL(sent).port) || undefined : undefined;
  const wanted = port ? bridgeRedirectUri(port) : `http://${BRIDGE_CALLBACK_HOST}:<port>${BRIDGE_CALLBACK_PATH}`;
  const title = 'The server accepts the bridge\'s redirect URI';
  const evidence = { redirectUri: sent, registerable: sent ?? wanted, server: serverLines };
  if (sent && sent === wanted) {
    return fail('redirect.loopback', title, evidence,
      `The server refused the redirect URI the bridge sent, ${sent}: it is not among the application's Redirect URIs as this server matches them.`,
      `Add ${sent} to the application's Redirect URIs in the IAM console (exactly, with the port: the entry pins it).`,
      { action: 'iam.register-redirect-uri', uri: sent });
  }
  return fail('redirect.loopback', title, { ...evidence, registerable: wanted },
    `The server refused the redirect URI the bridge sent, ${sent ?? '(unknown)'}.`,
    `Make the bridge send ${wanted} (the entry written by setup does: --host ${BRIDGE_CALLBACK_HOST} --callback-path ${BRIDGE_CALLBACK_PATH}) and add ${wanted} to the application's Redirect URIs, or add ${sent ?? 'the URI it sends'} to them.`,
    { action: 'config.rewrite-entry' });
}

/** The redirect_uri of an authorization URL, if it has one. */
export function redirectUriOf(authorizationUrl: string): string | undefined {
  try {
    return new URL(authorizationUrl).searchParams.get('redirect_uri') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The authorization URL mcp-remote printed ("Please authorize this client by visiting:\n<url>"). */
export function authorizationUrlFromStderr(stderr: string): string | undefined {
  const match = /Please authorize this client by visiting:\s*\n(https?:\/\/\S+)/.exec(stderr);
  return match?.[1];
}
