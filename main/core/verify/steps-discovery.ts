/**
 * Steps 1-2 and the client identity: probe, protected-resource metadata, authorization-server
 * metadata (MCP authorization 2025-11-25 §Authorization Server Discovery), client id / DCR.
 */
import { checkResourceAllowed } from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import { probeLegacySse, probeMcp } from '../mcp/probe.js';
import { parseBearerChallenge } from '../oauth/challenge.js';
import { discoverAuthorizationServer, discoverProtectedResource } from '../oauth/discovery.js';
import { chooseAuthMethod, isLoopbackUrl, registerClient } from '../oauth/client.js';
import type { AuthorizationServerMetadata } from '../oauth/discovery.js';
import { fail, fixWith, pass, skip, warn, type StepOutcome, type VerifyContext } from './context.js';

export async function stepProbe(ctx: VerifyContext): Promise<StepOutcome> {
  const probe = await probeMcp(ctx.http, ctx.options.url);
  ctx.state.probe = probe;
  const evidence = { url: ctx.options.url, hops: probe.hops, ...(probe.challenge ? { challenge: probe.challenge } : {}) };
  if (probe.networkError) {
    return fail(evidence, `the MCP URL cannot be reached (${probe.networkError.code}: ${probe.networkError.message})`,
      fixWith('Check the URL, that the server is running, and (for TLS errors) trust the CA that signed its certificate.', { action: 'verify.trust-ca' }), 'the MCP server is unreachable');
  }
  if (probe.challenge) return pass(evidence);
  const initStatus = probe.hops[0]?.status ?? 0;
  if (initStatus === 404 || initStatus === 405) {
    // 2025-03-26 §Backwards Compatibility: a 4xx POST may mean the old HTTP+SSE transport.
    const sse = await probeLegacySse(ctx.deps.fetch, ctx.options.url, ctx.timeoutMs);
    const challenge = parseBearerChallenge(sse.wwwAuthenticate);
    if (challenge) probe.challenge = challenge;
    if (sse.sse || challenge) return warn({ ...evidence, legacySse: sse }, 'the URL speaks the deprecated HTTP+SSE transport, not Streamable HTTP');
    return fail({ ...evidence, legacySse: sse }, `the MCP URL answers HTTP ${initStatus} to an MCP initialize: it is not an MCP endpoint`,
      'Check the MCP URL: Casdoor-based IAM serves MCP at /api/mcp, the newer Hanzo server at /mcp.', 'the URL is not an MCP endpoint');
  }
  if (initStatus >= 500) {
    return fail(evidence, `the MCP endpoint fails with HTTP ${initStatus} on initialize`, 'Check the server\'s logs.', 'the MCP endpoint is failing');
  }
  if (probe.challengeStatus === 401) {
    return warn(evidence, 'the server answered 401 without a Bearer WWW-Authenticate challenge (RFC 6750 §3, RFC 9728 §5.1)', 'Discovery falls back to the well-known URLs.');
  }
  return warn(evidence, 'no call was refused without a token: the server may not require OAuth, or protects only some tools', undefined);
}

/**
 * RFC 9728 §3.3: the metadata's `resource` must be the resource the client asked about. The MCP
 * SDK (and so mcp-remote) also accepts the same origin with a parent path (`checkResourceAllowed`);
 * the verifier accepts exactly what the bridge accepts, so a pass here holds for the bridge too.
 */
export function resourceAllowed(mcpUrl: string, resource: string): boolean {
  try {
    return checkResourceAllowed({ requestedResource: mcpUrl, configuredResource: resource });
  } catch {
    return false;
  }
}

export async function stepProtectedResource(ctx: VerifyContext): Promise<StepOutcome> {
  const hint = ctx.state.probe?.challenge?.resourceMetadata;
  const prm = await discoverProtectedResource(ctx.http, ctx.options.url, hint);
  ctx.state.prm = prm;
  const evidence: Record<string, unknown> = { attempts: prm.attempts, ...(prm.metadata ? { metadata: prm.metadata } : {}) };
  if (prm.networkError) return fail(evidence, `protected-resource metadata cannot be fetched: ${prm.networkError}`, undefined, 'discovery failed');
  if (!prm.metadata) {
    return warn(evidence, 'no protected-resource metadata (RFC 9728): falling back to the 2025-03-26 rule (authorization server at the MCP URL\'s origin)',
      'Servers following MCP 2025-06-18 or later publish /.well-known/oauth-protected-resource.');
  }
  const failedFirst = prm.attempts.filter((a) => !a.ok);
  const resource = prm.metadata.resource;
  if (!resourceAllowed(ctx.options.url, resource)) {
    return fail(evidence, `the metadata's resource "${resource}" does not identify the MCP URL ${ctx.options.url}: RFC 9728 §3.3 forbids using it, `
      + `and mcp-remote (MCP SDK) stops with "Protected resource ${resource} does not match expected ..."`,
    'The IAM must publish the MCP URL (or its origin) as "resource" in /.well-known/oauth-protected-resource: check its origin/public URL setting, '
      + 'and that the MCP URL given is the address clients use (same scheme, host and port).', 'the protected-resource metadata is for another resource');
  }
  if (resource.replace(/\/$/, '') !== ctx.options.url.replace(/\/$/, '') && ctx.options.resource !== false) {
    return warn(evidence, `the metadata's resource "${resource}" is a parent of the MCP URL: the bridge (MCP SDK) sends resource=${resource}, `
      + `this verifier sends resource=${ctx.options.url} (RFC 8707), so a token accepted here may carry another aud than the bridge's`,
    'Publish the MCP URL itself as "resource" in /.well-known/oauth-protected-resource (RFC 9728 §3.3).');
  }
  if (!prm.metadata.authorization_servers?.length) {
    return warn(evidence, 'the metadata names no authorization_servers: assuming the MCP URL\'s origin');
  }
  if (failedFirst.length && hint) return warn(evidence, `the challenge's resource_metadata URL failed (${failedFirst[0]?.problem}); a fallback worked`);
  return pass(evidence);
}

export async function stepAuthorizationServer(ctx: VerifyContext): Promise<StepOutcome> {
  const prm = ctx.state.prm?.metadata;
  const issuer = prm?.authorization_servers?.[0] ?? new URL(ctx.options.url).origin;
  const legacy = !prm?.authorization_servers?.length;
  const as = await discoverAuthorizationServer(ctx.http, issuer, legacy);
  ctx.state.as = as;
  const evidence: Record<string, unknown> = { issuer, attempts: as.attempts };
  if (as.metadata) {
    const m = as.metadata;
    Object.assign(evidence, {
      metadata: {
        issuer: m.issuer, authorization_endpoint: m.authorization_endpoint, token_endpoint: m.token_endpoint,
        registration_endpoint: m.registration_endpoint, revocation_endpoint: m.revocation_endpoint,
        introspection_endpoint: m.introspection_endpoint, jwks_uri: m.jwks_uri, scopes_supported: m.scopes_supported,
        code_challenge_methods_supported: m.code_challenge_methods_supported,
      },
      ...(as.defaultEndpoints ? { defaultEndpoints: true } : {}),
    });
  }
  if (as.networkError) {
    return fail(evidence, `the authorization server ${issuer} cannot be reached: ${as.networkError}`,
      fixWith('Check that the IAM is running and reachable from this machine (proxy, firewall, DNS); for TLS errors trust the CA that signed its certificate.', { action: 'verify.trust-ca' }), 'the authorization server is unreachable');
  }
  if (!as.metadata) {
    return fail(evidence, `no authorization-server metadata for ${issuer} at any of the ${as.attempts.length} well-known URLs`,
      'Check the authorization_servers entry of the protected-resource metadata and that the IAM serves /.well-known/oauth-authorization-server.', 'no authorization-server metadata');
  }
  if (!as.metadata.code_challenge_methods_supported?.includes('S256')) {
    return fail(evidence, `the authorization server does not advertise PKCE S256 (code_challenge_methods_supported: ${JSON.stringify(as.metadata.code_challenge_methods_supported ?? null)}); MCP clients must refuse to proceed`,
      'Enable PKCE S256 on the authorization server (MCP authorization 2025-11-25 §Authorization Code Protection).', 'the server lacks PKCE S256');
  }
  if (!as.issuerMatches) {
    const cause = `the metadata's issuer "${as.metadata.issuer}" is not "${issuer}" (RFC 8414 §3.3)`;
    if (legacy) return warn(evidence, `${cause}; accepted only because no protected-resource metadata named the issuer (2025-03-26 fallback)`);
    return fail(evidence, cause, 'The issuer in the metadata must equal the authorization server URL in the protected-resource metadata; fix the IAM\'s origin/issuer setting.', 'issuer mismatch');
  }
  const plain = plainHttpEndpoints(as.metadata);
  if (plain.length) {
    return fail(evidence, `the authorization server's endpoints are plain HTTP on a non-loopback host (${plain.join(', ')}): MCP authorization 2025-11-25 `
      + '§Communication Security requires HTTPS, and the verifier sends no code or token over plain HTTP to another machine',
    'Serve the IAM over HTTPS and set its origin/public URL to the https:// address (Casdoor: "origin" in app.conf), or run verify on the IAM\'s own machine against http://127.0.0.1.',
    'the authorization server is not served over HTTPS');
  }
  if (as.defaultEndpoints) return warn(evidence, 'no metadata: using the 2025-03-26 default endpoints /authorize, /token, /register');
  return pass(evidence);
}

/** Endpoints the flow would use over plain HTTP to a non-loopback host (openid-client refuses them, only after the sign-in). */
function plainHttpEndpoints(m: AuthorizationServerMetadata): string[] {
  const urls = [m.issuer, m.authorization_endpoint, m.token_endpoint, m.registration_endpoint, m.revocation_endpoint, m.introspection_endpoint, m.jwks_uri];
  return urls.filter((u): u is string => {
    try {
      return typeof u === 'string' && u.startsWith('http:') && !isLoopbackUrl(u);
    } catch {
      return false;
    }
  });
}

function chooseScopes(ctx: VerifyContext): void {
  const o = ctx.options;
  if (o.scopes?.length) { ctx.state.requestedScopes = o.scopes; ctx.state.scopeSource = 'user'; return; }
  const challenge = ctx.state.probe?.challenge?.scope;
  if (challenge) { ctx.state.requestedScopes = challenge.split(' ').filter(Boolean); ctx.state.scopeSource = 'challenge'; return; }
  const supported = ctx.state.prm?.metadata?.scopes_supported;
  if (supported?.length) { ctx.state.requestedScopes = supported; ctx.state.scopeSource = 'protected-resource'; return; }
  ctx.state.requestedScopes = [];
  ctx.state.scopeSource = 'none';
}

export const CREATE_APP_FIX = fixWith('Create the application in the IAM console (Applications -> Add): Category "Agent", Type "MCP", '
  + 'Redirect URI http://127.0.0.1/callback (no client secret needed: PKCE S256), grant types authorization_code and refresh_token, '
  + 'then run again with the application\'s Client ID.', { action: 'verify.set-client-id' });

export async function stepClient(ctx: VerifyContext, redirectUri: string): Promise<StepOutcome> {
  chooseScopes(ctx);
  const m = ctx.state.as?.metadata;
  if (!m) return skip('no authorization-server metadata');
  const o = ctx.options;
  const scopes = { requestedScopes: ctx.state.requestedScopes, scopeSource: ctx.state.scopeSource };
  if (o.clientId) {
    ctx.state.identity = { clientId: o.clientId, authMethod: chooseAuthMethod(m, !!o.clientSecret), source: 'given' };
    return pass({ clientId: o.clientId, authMethod: ctx.state.identity.authMethod, ...scopes });
  }
  if (o.clientMetadataUrl && m.client_id_metadata_document_supported) {
    ctx.state.identity = { clientId: o.clientMetadataUrl, authMethod: 'none', source: 'metadata-document' };
    return pass({ clientId: o.clientMetadataUrl, source: 'client ID metadata document', ...scopes });
  }
  if (!m.registration_endpoint) {
    return fail({ registrationEndpoint: null }, 'no client id given and the server offers no dynamic client registration', CREATE_APP_FIX, 'no client id');
  }
  const reg = await registerClient(ctx.http, m, redirectUri, ctx.state.requestedScopes.join(' ') || undefined);
  const evidence = { registrationEndpoint: m.registration_endpoint, status: reg.status, ...scopes };
  if (!reg.identity) {
    return fail({ ...evidence, problem: reg.problem }, `dynamic client registration failed: ${reg.problem} (Hanzo IAM keeps DCR off unless the organization enables it)`, CREATE_APP_FIX, 'no client id');
  }
  const { clientSecret, ...identity } = reg.identity;
  if (clientSecret) ctx.secrets.clientSecret = clientSecret;
  ctx.state.identity = identity;
  return pass({ ...evidence, clientId: identity.clientId, authMethod: identity.authMethod, note: 'registered dynamically (RFC 7591); on Hanzo IAM DCR is usually off' });
}
