/**
 * `startSpecServer`: the `spec` reference profile, built from parts nobody here wrote —
 * oidc-provider as the authorization server and the MCP SDK's server as the resource server —
 * on one origin, bound to 127.0.0.1. Implements the EmulatorHandle contract of ../types.ts.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { EmulatorHandle, Faults, StartOptions } from '../types.js';
import { createProvider } from './provider.js';
import { interactionRouter } from './interactions.js';
import { resourceRouter } from './mcp-resource.js';
import { CLIENT_ID, GUIDE_REDIRECT_URIS, ORGANIZATION, USERS } from './seed.js';
import { SpecState } from './state.js';
import { generateLoopbackCertificate } from './tls.js';

/** Faults this profile implements (see README.md); others are rejected rather than silently ignored. */
export const SPEC_FAULTS: ReadonlySet<keyof Faults> = new Set<keyof Faults>([
  'redirectStrict', 'redirectList', 'corsOff', 'corsNoAuthHeader', 'tokenTtl', 'noRefreshGrant',
  'refreshExpiresWithAccess', 'revokeAll', 'appScopes', 'mcpPath', 'slow', 'dcr', 'tls', 'clockSkew',
]);

function checkFaults(faults: Faults): Faults {
  const unsupported = (Object.keys(faults) as (keyof Faults)[]).filter((k) => faults[k] !== undefined && faults[k] !== false && !SPEC_FAULTS.has(k));
  if (unsupported.length > 0) throw new Error(`spec profile does not support fault(s): ${unsupported.join(', ')}`);
  return faults;
}

export async function startSpecServer(options: StartOptions): Promise<EmulatorHandle> {
  const faults = checkFaults(options.faults ?? {});
  let handler: http.RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
  const listener: http.RequestListener = (req, res) => handler(req, res);
  // `tls`: HTTPS with a generated self-signed certificate, fixed for the server's life.
  const tls = faults.tls === true ? await generateLoopbackCertificate() : undefined;
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  const state = new SpecState(`${tls ? 'https' : 'http'}://127.0.0.1:${port}`, faults, tls?.cert);

  try {
    const provider = await createProvider(state);
    const app = express();
    app.disable('x-powered-by');
    app.use((_req, res, next) => {
      if (state.faults.clockSkew) res.setHeader('Date', state.now().toUTCString());
      const delay = state.faults.slow ?? 0;
      if (delay > 0) setTimeout(next, delay); else next();
    });
    // RFC 8414 §3 name for the same document oidc-provider serves at the OIDC Discovery name.
    app.use((req, _res, next) => {
      if (req.path === '/.well-known/oauth-authorization-server') req.url = '/.well-known/openid-configuration';
      next();
    });
    app.use(interactionRouter(provider));
    app.use(resourceRouter(state));
    app.use(provider.callback());
    handler = app;
  } catch (err) {
    server.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    profile: 'spec',
    get mcpUrl() { return state.mcpUrl; },
    issuer: state.origin,
    origin: state.origin,
    clientId: CLIENT_ID,
    organization: ORGANIZATION,
    users: USERS,
    redirectUris: [...GUIDE_REDIRECT_URIS],
    caPem: tls?.cert,
    setFaults(next: Faults) {
      if ((next.tls === true) !== (tls !== undefined)) throw new Error('the tls fault can only be set at start');
      state.faults = { ...checkFaults(next) };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
