/**
 * A public-looking IAM at https://iam.example.com without a network: injected DNS (public or
 * private addresses), injected TLS verdicts, and an HTTP-level fake of the Casdoor-shaped or a
 * standard server behind the injected fetch (PRM, metadata, registration, redirect checks).
 */
import { nodeDeps } from '../../../main/core/diagnostics/node-deps.js';
import type { TlsVerdict } from '../../../main/core/diagnostics/types.js';
import type { ConnectorDeps } from '../../../main/core/connector/run-connector.js';

export const PUBLIC_URL = 'https://iam.example.com/api/mcp';
const ORIGIN = 'https://iam.example.com';

export interface PublicIamOptions {
  addresses?: string[];
  tls?: TlsVerdict;
  shape?: 'casdoor' | 'standard';
  resource?: string;
  pkce?: boolean;
  registration?: 'dcr-open' | 'dcr-closed' | 'cimd' | 'none';
  redirectUris?: string[];
  clientId?: string;
  busyPorts?: number[];
  /** `node --version` of the npx/node pair on the PATH (default v22.11.0 in /opt/node/bin). */
  nodeVersion?: string;
}

export interface PublicIam { deps: ConnectorDeps; calls: string[]; tlsHosts: string[] }

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export function publicIam(o: PublicIamOptions = {}): PublicIam {
  const calls: string[] = [];
  const tlsHosts: string[] = [];
  const shape = o.shape ?? 'casdoor';
  const clientId = o.clientId ?? 'claude-desktop-mcp';
  const redirects = o.redirectUris ?? [];
  const registration = o.registration ?? 'dcr-closed';
  const meta = {
    issuer: ORIGIN, authorization_endpoint: `${ORIGIN}/login/oauth/authorize`, token_endpoint: `${ORIGIN}/api/login/oauth/access_token`,
    response_types_supported: ['code'], ...(o.pkce === false ? {} : { code_challenge_methods_supported: ['S256'] }),
    ...(registration === 'dcr-open' || registration === 'dcr-closed' ? { registration_endpoint: `${ORIGIN}/api/oauth/register` } : {}),
    ...(registration === 'cimd' ? { client_id_metadata_document_supported: true } : {}),
  };
  const fetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const u = new URL(String(input));
    calls.push(`${init?.method ?? 'GET'} ${u.href}`);
    if (u.origin !== ORIGIN) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    switch (u.pathname) {
      case '/api/mcp':
        return json(401, { jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'Unauthorized' } },
          { 'www-authenticate': `Bearer realm="iam", resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource"` });
      case '/.well-known/oauth-protected-resource':
        return json(200, { resource: o.resource ?? PUBLIC_URL, authorization_servers: [ORIGIN], bearer_methods_supported: ['header'] });
      case '/.well-known/oauth-authorization-server': case '/.well-known/openid-configuration':
        return json(200, meta);
      case '/api/oauth/register':
        return registration === 'dcr-open'
          ? json(400, { error: 'invalid_redirect_uri', error_description: 'redirect_uris is required' })
          : json(403, { error: 'access_denied', error_description: 'dynamic client registration is disabled for this organization' });
      case '/api/get-app-login': {
        if (shape !== 'casdoor') break;
        const uri = u.searchParams.get('redirectUri') ?? '';
        if (u.searchParams.get('clientId') !== clientId) return json(200, { status: 'error', msg: 'Invalid client_id' });
        return redirects.includes(uri) ? json(200, { status: 'ok' }) : json(200, { status: 'error', msg: `Redirect URI: ${uri} doesn't exist in the allowed Redirect URI list` });
      }
      case '/login/oauth/authorize': {
        if (shape !== 'standard') return new Response('<form>login</form>', { status: 200, headers: { 'content-type': 'text/html' } });
        if (u.searchParams.get('client_id') !== clientId) return new Response('authorization error: unknown client_id', { status: 400 });
        if (!redirects.includes(u.searchParams.get('redirect_uri') ?? '')) return new Response('authorization error: invalid redirect_uri', { status: 400 });
        return new Response(null, { status: 302, headers: { location: `${ORIGIN}/login` } });
      }
    }
    return new Response('not found', { status: 404 });
  };
  const base = nodeDeps({ env: { PATH: '/opt/node/bin' }, platform: 'linux', homedir: '/nonexistent' });
  const onPath = new Set(['/opt/node/bin/npx', '/opt/node/bin/node']);
  const tls = o.tls ?? { authorized: true, subject: 'iam.example.com', altNames: 'DNS:iam.example.com' };
  return {
    calls, tlsHosts,
    deps: {
      ...base, fetch,
      // Executables exist only on the injected PATH; package.json reads go to the real node_modules.
      fs: { ...base.fs, stat: async (p) => { if (onPath.has(p)) return { isFile: () => true, mode: 0o755 } as never; throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); } },
      nodeVersion: async (p) => (p === '/opt/node/bin/node' ? o.nodeVersion ?? 'v22.11.0' : undefined),
      lookup: async (host) => {
        if (host !== 'iam.example.com') throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
        return o.addresses ?? ['160.79.104.10', '2607:6bc0::10'];
      },
      tcpConnect: async () => undefined,
      tlsProbe: async () => tls,
      publicTlsProbe: async (host) => { tlsHosts.push(host); return tls; },
      // No real ports: the callback port is free unless the case says otherwise.
      portProbe: { platform: 'linux', canListen: async (_h, p) => !(o.busyPorts ?? []).includes(p), readFile: async () => '', readdir: async () => [], readlink: async () => '', exec: async () => '' },
    },
  };
}
