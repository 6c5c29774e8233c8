/**
 * A small Casdoor-shaped IAM for the verifier's fault-attribution tests (docs/iam-facts.md:
 * MCP at /api/mcp answering initialize/tools/list without a token, 401 with resource_metadata on
 * tools/call, insufficient_scope as HTTP 200 JSON-RPC -32001 or, with `scopeDialect: 'http-403'`,
 * the spec's 403 challenge). It approves authorization requests at once (headless). Each fault
 * breaks exactly one thing. The shared emulator (test/iam) is the fuller server; this one exists
 * so each verifier step's failure can be pinned without it.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import * as jose from 'jose';
import { generate } from 'selfsigned';

export interface FakeFaults {
  noS256?: boolean;
  issuerMismatch?: boolean;
  stateMismatch?: boolean;
  redirectRefused?: boolean;
  scopeDialect?: 'casdoor' | 'http-403';
  noRefreshGrant?: boolean;
  /** Access tokens are issued already expired (the server clock two hours behind). */
  expired?: boolean;
  /** The MCP endpoint treats every token as revoked. */
  revoked?: boolean;
  tls?: boolean;
  /** With `scopeDialect: 'http-403'`: tools/list with a token also needs application:read. */
  listNeedsScope?: boolean;
  /** Opaque access tokens, described by an RFC 7662 introspection endpoint. */
  opaque?: boolean;
  /** The protected-resource metadata names this `resource` (path under the origin) instead of /api/mcp. */
  prmResourcePath?: string;
  /** The protected-resource metadata names this authorization server instead of the fake's origin. */
  authorizationServer?: string;
  /** The ID token carries this nonce instead of the one sent (OIDC Core §3.1.3.7 item 11). */
  idTokenNonce?: string;
  /** The ID token is issued to this audience instead of the client (OIDC Core §3.1.3.7 item 3). */
  idTokenAudience?: string;
  /** With `opaque`: introspection reports only the resource scopes, as for an RFC 8707 resource-bound token. */
  introspectionResourceScopes?: boolean;
  /** The revocation endpoint accepts the request and never answers. */
  revocationBlackHole?: boolean;
  /** The metadata names this token endpoint instead of the fake's own. */
  tokenEndpoint?: string;
  /** The token endpoint accepts the request and never answers (a black-holed endpoint). */
  tokenBlackHole?: boolean;
  /** Refresh answers reuse the refresh token sent (no rotation). */
  noRotation?: boolean;
}

export interface FakeIam {
  origin: string;
  mcpUrl: string;
  clientId: string;
  caPem?: string;
  revokedTokens: string[];
  close(): Promise<void>;
}

const CLIENT_ID = 'fake-client-id';
const TOOLS = [{ name: 'get_applications', description: 'List applications', inputSchema: { type: 'object', properties: { owner: { type: 'string' } } } }];

export async function startFakeIam(faults: FakeFaults = {}): Promise<FakeIam> {
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; scope: string; nonce?: string }>();
  const refreshTokens = new Map<string, string>();
  const revokedTokens: string[] = [];
  const opaqueTokens = new Map<string, jose.JWTPayload>();
  let origin = '';
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json());

  const issuer = () => (faults.issuerMismatch ? 'https://someone-else.example.com' : origin);
  const challenge = () => `Bearer realm="casdoor", resource_metadata="${origin}/.well-known/oauth-protected-resource"`;
  const metadata = () => ({
    issuer: issuer(),
    authorization_endpoint: `${origin}/login/oauth/authorize`,
    token_endpoint: faults.tokenEndpoint ?? `${origin}/api/login/oauth/access_token`,
    jwks_uri: `${origin}/.well-known/jwks`,
    revocation_endpoint: `${origin}/api/login/oauth/revoke`,
    introspection_endpoint: `${origin}/api/login/oauth/introspect`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    scopes_supported: ['openid', 'profile', 'email', 'application:read'],
    ...(faults.noS256 ? {} : { code_challenge_methods_supported: ['S256'] }),
  });
  app.get('/.well-known/oauth-protected-resource', (_q, r) => r.json({ resource: `${origin}${faults.prmResourcePath ?? '/api/mcp'}`, authorization_servers: [faults.authorizationServer ?? origin], bearer_methods_supported: ['header'], scopes_supported: ['openid', 'profile', 'email', 'read', 'write'] }));
  app.get(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'], (_q, r) => r.json(metadata()));
  app.get('/.well-known/jwks', (_q, r) => r.json({ keys: [jwk] }));
  app.get('/login/oauth/authorize', (q, r) => {
    const p = q.query as Record<string, string>;
    if (faults.redirectRefused) return void r.status(400).type('text/plain').send('authorization error: invalid redirect_uri');
    if (p.client_id !== CLIENT_ID) return void r.status(400).type('text/plain').send('authorization error: unknown client_id');
    const code = crypto.randomBytes(16).toString('hex');
    codes.set(code, { challenge: p.code_challenge ?? '', scope: p.scope ?? '', ...(p.nonce ? { nonce: p.nonce } : {}) });
    const back = new URL(p.redirect_uri ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', faults.stateMismatch ? 'not-your-state' : (p.state ?? ''));
    r.redirect(back.toString());
  });
  const issue = async (scope: string, nonce?: string) => {
    const now = Math.floor(Date.now() / 1000);
    const iat = faults.expired ? now - 7200 : now;
    let access = await new jose.SignJWT({ scope, owner: 'built-in', azp: CLIENT_ID }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(origin).setAudience([CLIENT_ID]).setSubject('admin').setIssuedAt(iat).setExpirationTime(iat + 3600).sign(privateKey);
    if (faults.opaque) {
      const opaque = crypto.randomBytes(24).toString('base64url');
      const introspected = faults.introspectionResourceScopes ? scope.split(' ').filter((x) => x.includes(':')).join(' ') : scope;
      opaqueTokens.set(opaque, { scope: introspected, owner: 'built-in', sub: 'admin', client_id: CLIENT_ID, iss: origin, exp: iat + 3600, iat });
      access = opaque;
    }
    const refresh = crypto.randomBytes(24).toString('base64url');
    refreshTokens.set(refresh, scope);
    const body: Record<string, unknown> = { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: 3600, scope };
    if (scope.split(' ').includes('openid')) {
      const idNonce = faults.idTokenNonce ?? nonce;
      body.id_token = await new jose.SignJWT({ ...(idNonce ? { nonce: idNonce } : {}) }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer()).setAudience(faults.idTokenAudience ?? CLIENT_ID).setSubject('admin').setIssuedAt(now).setExpirationTime(now + 3600).sign(privateKey);
    }
    return body;
  };
  app.post('/api/login/oauth/access_token', async (q, r) => {
    const b = q.body as Record<string, string>;
    if (faults.tokenBlackHole) return;
    if (b.grant_type === 'authorization_code') {
      const entry = codes.get(b.code ?? '');
      codes.delete(b.code ?? '');
      if (!entry) return void r.status(400).json({ error: 'invalid_grant', error_description: 'authorization code is invalid' });
      const computed = crypto.createHash('sha256').update(b.code_verifier ?? '').digest('base64url');
      if (computed !== entry.challenge) return void r.status(400).json({ error: 'invalid_grant', error_description: 'verifier is invalid' });
      return void r.json(await issue(entry.scope, entry.nonce));
    }
    if (b.grant_type === 'refresh_token') {
      if (faults.noRefreshGrant) return void r.status(400).json({ error: 'unsupported_grant_type', error_description: 'grant_type: refresh_token is not supported in this application' });
      const scope = refreshTokens.get(b.refresh_token ?? '');
      if (scope === undefined || !refreshTokens.delete(b.refresh_token ?? '')) return void r.status(400).json({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
      const body = await issue(scope);
      if (faults.noRotation) {
        refreshTokens.delete(String(body.refresh_token));
        refreshTokens.set(b.refresh_token ?? '', scope);
        body.refresh_token = b.refresh_token;
      }
      return void r.json(body);
    }
    r.status(400).json({ error: 'unsupported_grant_type' });
  });
  app.post('/api/login/oauth/introspect', (q, r) => {
    const claims = opaqueTokens.get(String((q.body as Record<string, string>).token));
    r.json(claims && !revokedTokens.includes(String((q.body as Record<string, string>).token)) ? { active: true, ...claims } : { active: false });
  });
  app.post('/api/login/oauth/revoke', (q, r) => {
    if (faults.revocationBlackHole) return; revokedTokens.push(String((q.body as Record<string, string>).token)); r.status(200).end(); });
  app.post('/api/mcp', async (q, r) => {
    const msg = q.body as { id?: number; method?: string; params?: { name?: string } };
    const reply = (result: unknown) => r.json({ jsonrpc: '2.0', id: msg.id, result });
    if (msg.method === 'initialize') return void reply({ protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'fake-casdoor', version: '1' } });
    if (msg.method?.startsWith('notifications/')) return void r.status(202).end();
    const bearer = (q.headers.authorization ?? '').replace(/^Bearer /, '');
    if (msg.method === 'tools/list' && faults.listNeedsScope && bearer) {
      const scope = String(opaqueTokens.get(bearer)?.scope ?? jose.decodeJwt(bearer).scope ?? '');
      if (!scope.split(' ').includes('application:read')) {
        return void r.status(403).set('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="application:read"').json({ error: 'insufficient_scope' });
      }
    }
    if (msg.method === 'tools/list') return void reply({ tools: TOOLS });
    if (msg.method !== 'tools/call') return void r.json({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'method not found' } });
    const token = (q.headers.authorization ?? '').replace(/^Bearer /, '');
    const unauthorized = (data: string) => r.status(401).set('WWW-Authenticate', challenge()).json({ jsonrpc: '2.0', id: msg.id, error: { code: -32001, message: 'Unauthorized', data } });
    let claims: jose.JWTPayload;
    try {
      claims = opaqueTokens.get(token) ?? (await jose.jwtVerify(token, publicKey, { issuer: origin })).payload;
    } catch {
      return void unauthorized('Unauthorized operation');
    }
    if (faults.revoked || revokedTokens.includes(token)) return void unauthorized("Access token doesn't exist in database");
    const granted = String(claims.scope ?? '').split(' ');
    if (!granted.includes('application:read')) {
      if (faults.scopeDialect === 'http-403') {
        return void r.status(403).set('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="application:read"').json({ error: 'insufficient_scope' });
      }
      return void r.json({ jsonrpc: '2.0', id: msg.id, error: { code: -32001, message: 'insufficient_scope', data: { tool: msg.params?.name, granted_scopes: granted, required_scope: 'application:read' } } });
    }
    reply({ content: [{ type: 'text', text: JSON.stringify([{ owner: 'built-in', name: 'app-built-in' }]) }] });
  });

  let caPem: string | undefined;
  let server: http.Server;
  if (faults.tls) {
    const ca = await generate([{ name: 'commonName', value: 'Fake IAM Test CA' }], { keySize: 2048, algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }] });
    const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048, algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    caPem = ca.cert;
    server = https.createServer({ key: leaf.private, cert: leaf.cert }, app);
  } else {
    server = http.createServer(app);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `${faults.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, mcpUrl: `${origin}/api/mcp`, clientId: CLIENT_ID, revokedTokens, ...(caPem ? { caPem } : {}),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
