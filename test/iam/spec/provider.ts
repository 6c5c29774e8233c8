/**
 * The spec profile's authorization server: oidc-provider@9, configured as an MCP authorization
 * server (MCP spec 2025-11-25 "Authorization") would be: PKCE S256 required, RFC 8707 resource
 * indicators issuing RS256 JWT access tokens whose audience is the MCP URL, refresh-token rotation,
 * and a public native client whose loopback redirect URIs match any port (RFC 8252 §7.3).
 */
import Provider, { errors, type AdapterPayload, type ClientLike, type KoaContextLike } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { memoryAdapterFactory } from './memory-adapter.js';
import { ALL_SCOPES, CLIENT_ID, GUIDE_REDIRECT_URIS, OIDC_SCOPES, RESOURCE_SCOPES, findUser, toProviderRedirectUri } from './seed.js';
import { errorPage } from './pages.js';
import type { SpecState } from './state.js';

/** The seeded client as the live faults shape it (redirect-list, redirect-strict, no-refresh-grant, app-scopes). */
export function clientMetadata(state: SpecState): AdapterPayload {
  const f = state.faults;
  const metadata: AdapterPayload = {
    client_id: CLIENT_ID,
    client_name: 'Claude Desktop MCP',
    token_endpoint_auth_method: 'none',
    // `native` applies RFC 8252's any-port loopback rule; `web` compares redirect URIs exactly.
    application_type: f.redirectStrict ? 'web' : 'native',
    redirect_uris: (f.redirectList ?? GUIDE_REDIRECT_URIS).map(toProviderRedirectUri),
    grant_types: f.noRefreshGrant ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
  // A client's `scope` may only name the provider's OIDC scopes; resource scopes are checked in
  // getResourceServerInfo below.
  if (f.appScopes) metadata.scope = f.appScopes.filter((s) => OIDC_SCOPES.some((o) => o === s)).join(' ');
  return metadata;
}

export async function createProvider(state: SpecState): Promise<Provider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'spec-rs256', alg: 'RS256', use: 'sig' };

  const provider = new Provider(state.origin, {
    adapter: memoryAdapterFactory({
      client: (id) => (id === CLIENT_ID ? clientMetadata(state) : undefined),
      revokedAll: () => state.faults.revokeAll === true,
    }),
    jwks: { keys: [jwk] },
    cookies: { keys: ['spec-profile-cookie-key-not-secret'] },
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx: unknown, id: string) => {
      const user = findUser(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: id, preferred_username: id, email: `${id}@example.com`, email_verified: true }),
      };
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Clients that send no `resource` (RFC 8707 is optional for them) still get a JWT for the MCP server.
        defaultResource: () => state.mcpUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx: { oidc?: { params?: { scope?: unknown } } }, indicator: string) => {
          if (indicator !== state.mcpUrl) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          // `app-scopes`: oidc-provider checks a client's `scope` only for OIDC scopes; resource scopes here.
          const requested = typeof ctx.oidc?.params?.scope === 'string' ? ctx.oidc.params.scope.split(' ') : [];
          const outside = requested.find((s) => RESOURCE_SCOPES.some((r) => r === s) && state.faults.appScopes && !state.faults.appScopes.includes(s));
          if (outside) throw new errors.InvalidScope('requested scope is not allowed', outside);
          return {
            scope: RESOURCE_SCOPES.join(' '),
            audience: indicator,
            accessTokenTTL: state.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: () => state.accessTokenTtl,
      RefreshToken: () => state.refreshTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 14 * 24 * 3600,
    },
    // OAuth 2.1 §4.3: refresh tokens for every client allowed the grant, offline_access or not
    // (OIDC drops offline_access without prompt=consent; MCP clients rarely send it).
    // `clock-skew`: oidc-provider reads the system clock, so the skew is applied where it shows: the
    // access token's iat/exp (and the Date header, server.ts). Stored expiries stay on the real clock.
    formats: {
      customizers: {
        jwt: (_ctx: unknown, _token: unknown, jwt: { payload: { iat?: number; exp?: number } }) => {
          const skew = state.faults.clockSkew ?? 0;
          if (jwt.payload.iat !== undefined) jwt.payload.iat += skew;
          if (jwt.payload.exp !== undefined) jwt.payload.exp += skew;
        },
      },
    },
    issueRefreshToken: async (_ctx: unknown, client: ClientLike) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => state.faults.corsOff !== true,
    renderError: async (ctx: KoaContextLike, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage(`${out.error ?? 'error'}: ${out.error_description ?? ''}`);
    },
  });

  provider.use(async (ctx, next) => {
    // `dcr=off` (default): the registration endpoint does not exist.
    if (ctx.path === '/reg' && state.faults.dcr !== true) {
      ctx.status = 404;
      ctx.body = { error: 'not_found' };
      return;
    }
    await next();
    if (ctx.path.startsWith('/.well-known/') && ctx.body && typeof ctx.body === 'object') {
      const doc = ctx.body as Record<string, unknown>;
      doc.scopes_supported = ALL_SCOPES;
      if (state.faults.dcr !== true) delete doc.registration_endpoint;
    }
    if (state.faults.corsOff) {
      for (const name of Object.keys(ctx.response.headers)) if (name.startsWith('access-control-')) ctx.remove(name);
    }
  });
  return provider;
}
