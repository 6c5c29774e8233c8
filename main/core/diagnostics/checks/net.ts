/**
 * net.* and mcp.endpoint: can the bridge reach the MCP URL at all, and is it the MCP endpoint?
 * Every HTTP check of the run depends on net.http-scheme, so a black-holed host costs one timeout.
 */
import type { CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { parseBearerChallenge } from '../../oauth/challenge.js';
import { discover } from './discovery.js';
import { brief, initExchange } from './probe.js';
import { firstJsonRpc } from '../../mcp/probe.js';
import type { CheckContext } from '../types.js';

function target(url: string | undefined): URL | undefined {
  try { return url ? new URL(url) : undefined; } catch { return undefined; }
}
const na = (key: string, vars: Record<string, string | number> = {}): Outcome => ({ status: 'skip', notApplicable: true, evidence: {}, ...say(key, vars) });
const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');
const portOf = (u: URL) => Number(u.port || (u.protocol === 'https:' ? 443 : 80));
const PLAIN_HTTP_ON_TLS = /wrong version number|packet length too long|ERR_SSL_WRONG_VERSION_NUMBER|http request/i;

/**
 * The MCP endpoint the server itself names: `resource` of the RFC 9728 metadata discovery found
 * (docs/iam-facts.md: the PRM's `resource` is the MCP URL), when it differs from `url`.
 */
async function advertisedEndpoint(ctx: CheckContext, signal: AbortSignal, url: string): Promise<string | undefined> {
  // The run's one (memoised) discovery: the same PRM the discovery.* checks read.
  const resource = (await discover(ctx, signal)).prm?.json.resource;
  if (typeof resource !== 'string' || !/^https?:\/\//.test(resource)) return undefined;
  return resource.replace(/\/$/, '') === url.replace(/\/$/, '') ? undefined : resource;
}

export const netChecks: CheckDef[] = [
  {
    id: 'net.dns', area: 'net', title: 'Host name resolves', network: true,
    async run(ctx) {
      const u = target(ctx.options.target.mcpUrl);
      if (!u) return { status: 'skip', evidence: {}, ...say('no-url') };
      const host = hostOf(u);
      if (/^[\d.]+$/.test(host) || host.includes(':')) return { status: 'pass', evidence: { host, addresses: [host], literal: true } };
      try {
        const addresses = await ctx.deps.lookup(host);
        return { status: 'pass', evidence: { host, addresses } };
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERROR';
        return { status: 'fail', evidence: { host, code }, ...say('dns', { host, code }) };
      }
    },
  },
  {
    id: 'net.tcp', area: 'net', title: 'Port accepts connections', needs: ['net.dns'], network: true,
    async run(ctx, signal) {
      const u = target(ctx.options.target.mcpUrl) as URL;
      const host = hostOf(u); const port = portOf(u);
      try {
        await ctx.deps.tcpConnect(host, port, signal);
        return { status: 'pass', evidence: { host, port } };
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message;
        return { status: 'fail', evidence: { host, port, code }, ...say('tcp', { host, port, code }) };
      }
    },
  },
  {
    id: 'net.tls', area: 'net', title: 'TLS certificate is valid', needs: ['net.tcp'], network: true,
    async run(ctx, signal) {
      const u = target(ctx.options.target.mcpUrl) as URL;
      if (u.protocol !== 'https:') return na('no-tls');
      const host = hostOf(u); const port = portOf(u);
      const v = await ctx.deps.tlsProbe(host, port, signal);
      const evidence = { host, port, ...v };
      if (v.handshakeError) {
        if (PLAIN_HTTP_ON_TLS.test(v.handshakeError)) return { ...na('not-tls', { host, port }), evidence };
        return { status: 'fail', evidence, ...say('tls-other', { host, error: v.handshakeError }) };
      }
      if (v.authorized) return { status: 'pass', evidence };
      switch (v.errorCode) {
        case 'CERT_HAS_EXPIRED': return { status: 'fail', evidence, ...say('tls-expired', { validTo: v.validTo }) };
        case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'SELF_SIGNED_CERT_IN_CHAIN': return { status: 'fail', evidence, ...say('tls-self-signed') };
        case 'ERR_TLS_CERT_ALTNAME_INVALID': return { status: 'fail', evidence, ...say('tls-hostname', { host, altNames: v.altNames ?? v.subject }) };
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY': return { status: 'fail', evidence, ...say('tls-unknown-ca') };
        default: return { status: 'fail', evidence, ...say('tls-other', { host, error: v.errorCode }) };
      }
    },
  },
  {
    id: 'net.http-scheme', area: 'net', title: 'Scheme matches the server, no redirects', needs: ['net.tcp', 'net.tls'], network: true,
    async run(ctx, signal) {
      const u = target(ctx.options.target.mcpUrl) as URL;
      const ex = await initExchange(ctx, signal);
      const evidence = brief(ex);
      if (ex.error) {
        if (signal.aborted || ex.error.code === 'TIMEOUT' || ex.error.code === 'ABORTED') {
          return { status: 'fail', evidence, ...say('http-timeout', { host: u.host, ms: ctx.timeoutMs }) };
        }
        if (u.protocol === 'https:' && (ex.error.code === 'TLS' || PLAIN_HTTP_ON_TLS.test(ex.error.message))) {
          return { status: 'fail', evidence, ...say('http-to-https', { location: '(plain http on this port)', suggested: u.href.replace(/^https:/, 'http:') }) };
        }
        if (u.protocol === 'http:' && (ex.error.code === 'ECONNRESET' || ex.error.code === 'NETWORK')) {
          const v = await ctx.deps.tlsProbe(hostOf(u), portOf(u), signal).catch(() => undefined);
          if (v && !v.handshakeError) return { status: 'fail', evidence: { ...evidence, tls: v }, ...say('http-to-https', { location: '(this port speaks TLS)', suggested: u.href.replace(/^http:/, 'https:') }) };
        }
        return { status: 'fail', evidence, ...say('http-network', { url: u.href, code: ex.error.code, error: ex.error.message }) };
      }
      const res = ex.response;
      if (res && res.status === 400 && /plain http request was sent to https port/i.test(res.body)) {
        return { status: 'fail', evidence, ...say('http-to-https', { location: '(HTTPS port)', suggested: u.href.replace(/^http:/, 'https:') }) };
      }
      if (res && res.status >= 300 && res.status < 400 && res.headers.location) {
        const loc = new URL(res.headers.location, u);
        if (/login|signin|auth/i.test(loc.pathname) && loc.pathname !== u.pathname) return { status: 'pass', evidence: { ...evidence, location: loc.href } };
        if (loc.protocol !== u.protocol) return { status: 'fail', evidence: { ...evidence, location: loc.href }, ...say('http-to-https', { location: loc.href, suggested: loc.href }) };
        return { status: 'fail', evidence: { ...evidence, location: loc.href }, ...say('http-redirect', { status: res.status, location: loc.href, suggested: loc.href }) };
      }
      return { status: 'pass', evidence: { request: evidence.request, status: res?.status, scheme: u.protocol.slice(0, -1) } };
    },
  },
  {
    id: 'mcp.endpoint', area: 'mcp', title: 'The URL answers as an MCP endpoint', needs: ['net.http-scheme'], network: true,
    async run(ctx, signal) {
      const url = ctx.options.target.mcpUrl ?? '';
      const ex = await initExchange(ctx, signal);
      const res = ex.response;
      const evidence = brief(ex);
      if (!res) return { status: 'fail', evidence, ...say('http-network', { url, code: ex.error?.code, error: ex.error?.message }) };
      const ct = res.headers['content-type'] ?? '';
      const rpc = firstJsonRpc(res.body, ct);
      if (res.status === 200 && rpc) {
        const result = rpc.result as { protocolVersion?: string; serverInfo?: unknown } | undefined;
        return { status: 'pass', evidence: { ...evidence, protocolVersion: result?.protocolVersion, serverInfo: result?.serverInfo, sessionId: res.headers['mcp-session-id'] ? 'present' : 'none' } };
      }
      const challenge = parseBearerChallenge(res.headers['www-authenticate']);
      if (res.status === 401 && challenge) return { status: 'pass', evidence: { ...evidence, challenge, note: 'initialize needs a token on this server' } };
      if (res.status === 404) {
        const advertised = await advertisedEndpoint(ctx, signal, url);
        return { status: 'fail', evidence: { ...evidence, advertised }, ...say('mcp-404', { url, advertised }) };
      }
      const location = res.headers.location;
      if (ct.includes('text/html') || (res.status >= 300 && res.status < 400)) {
        const login = /login|sign in|signin|password/i.test(res.body + (location ?? ''));
        const advertised = await advertisedEndpoint(ctx, signal, url);
        return { status: 'fail', evidence: { ...evidence, location, advertised }, ...say('mcp-html', { url, login: login ? 1 : undefined, advertised }) };
      }
      return { status: 'fail', evidence, ...say('mcp-other', { url, status: res.status }) };
    },
  },
];
