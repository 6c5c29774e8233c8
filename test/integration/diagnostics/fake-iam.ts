/**
 * An HTTP-level fake of the IAM server for the doctor's unit tests: a real server on 127.0.0.1
 * port 0 with the behaviours of docs/iam-facts.md (Casdoor-shaped or standard), each switchable.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIamOptions {
  shape?: 'casdoor' | 'standard';
  /** Registered redirect URIs. Casdoor accepts any http://localhost|127.0.0.1 URI regardless (docs/iam-facts.md, Redirect URIs) unless strictLoopback. */
  redirectUris?: string[];
  strictLoopback?: boolean;
  clientId?: string;
  cors?: boolean;
  prm?: boolean;
  pkce?: boolean;
  issuer?: string;
  grantTypes?: string[] | null;
  refreshEnabled?: boolean;
  /** token → granted scopes */
  tokens?: Record<string, string[]>;
  dialect?: 'casdoor' | 'spec';
  /** Seconds added to the Date header. */
  skewS?: number;
}

export interface FakeIam { origin: string; mcpUrl: string; port: number; requests: string[]; close(): Promise<void> }

function matchesStandard(uri: string, list: string[]): boolean {
  const u = new URL(uri);
  return list.some((r) => {
    if (r === uri) return true;
    const v = new URL(r);
    // Newer server: 127.0.0.1 and [::1] any port, path exact (docs/iam-facts.md, Redirect URIs).
    return (v.hostname === '127.0.0.1' || v.hostname === '[::1]') && v.hostname === u.hostname && v.pathname === u.pathname && v.protocol === u.protocol;
  });
}

export async function startFakeIam(o: FakeIamOptions = {}): Promise<FakeIam> {
  const shape = o.shape ?? 'casdoor';
  const clientId = o.clientId ?? 'client-123';
  const requests: string[] = [];
  let origin = '';
  const accepts = (uri: string) => {
    if (shape === 'casdoor' && !o.strictLoopback && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(uri)) return true;
    return matchesStandard(uri, o.redirectUris ?? []);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? '/', origin);
      requests.push(`${req.method} ${url.pathname}`);
      const headers: Record<string, string> = {};
      if (o.skewS) headers.date = new Date(Date.now() + o.skewS * 1000).toUTCString();
      const reqOrigin = req.headers.origin;
      if (o.cors !== false && reqOrigin && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(reqOrigin)) {
        Object.assign(headers, { 'access-control-allow-origin': reqOrigin, 'access-control-allow-methods': 'POST, GET, OPTIONS, DELETE',
          'access-control-allow-headers': 'Content-Type, Authorization', 'access-control-allow-credentials': 'true' });
      }
      const send = (status: number, payload: unknown, type = 'application/json') => {
        res.writeHead(status, { ...headers, 'content-type': type });
        res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      if (req.method === 'OPTIONS') return send(o.cors === false ? 403 : 204, '');
      const p = url.pathname;
      const issuer = o.issuer ?? origin;
      const meta = {
        issuer, authorization_endpoint: shape === 'casdoor' ? `${origin}/login/oauth/authorize` : `${origin}/v1/iam/oauth/authorize`,
        token_endpoint: `${origin}/api/login/oauth/access_token`, jwks_uri: `${origin}/.well-known/jwks`,
        ...(o.pkce === false ? {} : { code_challenge_methods_supported: ['S256'] }),
        ...(o.grantTypes === null ? {} : { grant_types_supported: o.grantTypes ?? ['authorization_code', 'refresh_token'] }),
      };
      if (p === '/.well-known/oauth-protected-resource' && o.prm !== false) {
        return send(200, { resource: `${origin}/api/mcp`, authorization_servers: [origin], scopes_supported: ['openid', 'profile', 'email', 'read', 'write'] });
      }
      if (p === '/.well-known/oauth-authorization-server' || p === '/.well-known/openid-configuration') return send(200, meta);
      if (p === '/api/get-app-login' && shape === 'casdoor') {
        if (url.searchParams.get('clientId') !== clientId) return send(200, { status: 'error', msg: 'Invalid client_id' });
        const uri = url.searchParams.get('redirectUri') ?? '';
        return send(200, accepts(uri) ? { status: 'ok', data: {} } : { status: 'error', msg: `Redirect URI: ${uri} doesn't exist in the allowed Redirect URI list` });
      }
      if (p === '/login/oauth/authorize') return send(200, '<html><body><div id="root"></div></body></html>', 'text/html');
      if (p === '/v1/iam/oauth/authorize') {
        if (url.searchParams.get('client_id') !== clientId) return send(400, 'authorization error: unknown client_id', 'text/plain');
        if (!accepts(url.searchParams.get('redirect_uri') ?? '')) return send(400, 'authorization error: invalid redirect_uri', 'text/plain');
        res.writeHead(302, { ...headers, location: `${origin}/login?next=x` }); return res.end();
      }
      if (p === '/api/login/oauth/access_token') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') === 'refresh_token') {
          if (o.refreshEnabled === false) return send(400, { error: 'unsupported_grant_type', error_description: 'grant_type: refresh_token is not supported in this application' });
          return send(200, { access_token: 'new-access-token-value', token_type: 'Bearer', expires_in: 3600, refresh_token: 'new-refresh-token-value', scope: 'openid' });
        }
        return send(400, { error: 'invalid_grant' });
      }
      if (p === '/api/mcp' && req.method === 'POST') {
        let msg: { id?: number; method?: string; params?: { name?: string } };
        try { msg = JSON.parse(body) as typeof msg; } catch { return send(400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }); }
        const reply = (result: unknown) => send(200, { jsonrpc: '2.0', id: msg.id, result });
        if (msg.method === 'initialize') return reply({ protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'fake-iam', version: '1' } });
        if (msg.method === 'notifications/initialized') { res.writeHead(202, headers); return res.end(); }
        if (msg.method === 'tools/list') return reply({ tools: [
          { name: 'get_applications', inputSchema: { type: 'object', properties: { owner: { type: 'string' } }, required: ['owner'] } },
          { name: 'delete_application', inputSchema: { type: 'object', properties: { application: { type: 'object' } }, required: ['application'] } },
        ] });
        if (msg.method === 'tools/call') {
          const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          const granted = auth ? o.tokens?.[auth] : undefined;
          if (!granted) {
            res.writeHead(401, { ...headers, 'content-type': 'application/json', 'www-authenticate': `Bearer realm="casdoor", resource_metadata="${origin}/.well-known/oauth-protected-resource"` });
            return res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32001, message: 'Unauthorized', data: 'Access token doesn\'t exist in database' } }));
          }
          const required = msg.params?.name?.startsWith('get_') ? 'application:read' : 'application:write';
          const ok = granted.includes(required) || granted.includes(required.endsWith('read') ? 'read' : 'write');
          if (!ok && o.dialect === 'spec') {
            res.writeHead(403, { ...headers, 'www-authenticate': `Bearer error="insufficient_scope", scope="${required}"` }); return res.end();
          }
          if (!ok) return send(200, { jsonrpc: '2.0', id: msg.id, error: { code: -32001, message: 'insufficient_scope', data: { tool: msg.params?.name, granted_scopes: granted, required_scope: required } } });
          return reply({ content: [{ type: 'text', text: '[]' }] });
        }
        return send(200, { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } });
      }
      if (p === '/') return send(200, '<html><body><form>Sign in: password</form></body></html>', 'text/html');
      send(404, { status: 'error', msg: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return { origin, mcpUrl: `${origin}/api/mcp`, port, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
