/**
 * The spec profile's resource server: the MCP SDK's own Streamable HTTP transport behind its
 * `requireBearerAuth`, with RFC 9728 protected-resource metadata, 401 `invalid_token` challenges
 * carrying `resource_metadata` (RFC 9728 §5.1), and 403 `insufficient_scope` challenges with
 * `scope="..."` for a tool the token's scopes do not cover (RFC 6750 §3.1, MCP 2025-11-25).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildMcpServer, TOOL_SCOPES } from './mcp-tools.js';
import { ALL_SCOPES, seedApplications } from './seed.js';
import type { SpecState } from './state.js';
import { fetchTrusting } from './tls.js';

const PRM_PREFIX = '/.well-known/oauth-protected-resource';

/** Verifies the provider's RS256 JWT access tokens against its published JWKS. */
function tokenVerifier(state: SpecState) {
  const jwks = createRemoteJWKSet(new URL(`${state.origin}/jwks`), state.caPem ? { [customFetch]: fetchTrusting(state.caPem) } : {});
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      // `revoke-all`: every issued token is unknown to the server.
      if (state.faults.revokeAll) throw new InvalidTokenError('Token has been revoked');
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer: state.origin, audience: state.mcpUrl, algorithms: ['RS256'], currentDate: state.now() });
        return {
          token,
          clientId: String(payload.client_id ?? payload.azp ?? ''),
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          // requireBearerAuth compares expiresAt with the real clock; undo the `clock-skew` shift.
          expiresAt: payload.exp === undefined ? undefined : payload.exp - (state.faults.clockSkew ?? 0),
          resource: new URL(state.mcpUrl),
          extra: { sub: payload.sub },
        };
      } catch (err) {
        throw new InvalidTokenError(`Invalid access token: ${(err as Error).message}`);
      }
    },
  };
}

function cors(state: SpecState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (state.faults.corsOff || !origin) return next();
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Vary', 'Origin');
    res.set('Access-Control-Expose-Headers', 'WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version');
    if (req.method === 'OPTIONS') {
      const headers = ['Content-Type', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID'];
      if (!state.faults.corsNoAuthHeader) headers.push('Authorization');
      res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      res.set('Access-Control-Allow-Headers', headers.join(', '));
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Required scopes of the tools a JSON-RPC body (single or batch) calls. */
function requiredScopes(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  const scopes = new Set<string>();
  for (const m of messages as { method?: string; params?: { name?: string } }[]) {
    const scope = m?.method === 'tools/call' ? TOOL_SCOPES[m.params?.name ?? ''] : undefined;
    if (scope) scopes.add(scope);
  }
  return [...scopes];
}

export function resourceRouter(state: SpecState): Router {
  const router = express.Router();
  const applications = seedApplications();
  const verifier = tokenVerifier(state);

  const prm = (_req: Request, res: Response) => {
    res.json({
      resource: state.mcpUrl,
      authorization_servers: [state.origin],
      bearer_methods_supported: ['header'],
      scopes_supported: ALL_SCOPES,
      resource_name: 'Hanzo IAM MCP (spec profile)',
    });
  };
  router.use(PRM_PREFIX, cors(state));
  router.get(PRM_PREFIX, prm);
  router.get(/^\/\.well-known\/oauth-protected-resource\/.+$/, (req, res, next) =>
    req.path === `${PRM_PREFIX}${state.mcpPath}` ? prm(req, res) : next());

  const bearer = (req: Request, res: Response, next: NextFunction) =>
    requireBearerAuth({ verifier, resourceMetadataUrl: state.resourceMetadataUrl })(req, res, next);

  const scopeCheck = (req: Request, res: Response, next: NextFunction) => {
    const granted = req.auth?.scopes ?? [];
    const missing = requiredScopes(req.body).filter((s) => !granted.includes(s));
    if (missing.length === 0) return next();
    const description = `The access token lacks ${missing.join(' ')}`;
    res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${missing.join(' ')}", resource_metadata="${state.resourceMetadataUrl}", error_description="${description}"`);
    res.status(403).json({ error: 'insufficient_scope', error_description: description });
  };

  const mcp = async (req: Request, res: Response) => {
    if (req.method !== 'POST') {
      res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
      return;
    }
    const server = buildMcpServer(applications);
    // Stateless Streamable HTTP: one server and transport per request, JSON replies.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => { void transport.close(); void server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };

  // `mcp-path`: the endpoint answers only at the live path; the old one falls through to a 404.
  const mcpRouter = express.Router();
  mcpRouter.use(cors(state), bearer, express.json({ limit: '1mb' }), scopeCheck, mcp);
  router.use((req, res, next) => (req.path === state.mcpPath ? mcpRouter(req, res, next) : next()));
  return router;
}
