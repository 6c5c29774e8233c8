/**
 * CORS as Casdoor does it (docs/iam-facts.md, "CORS"): loopback origins (http(s)://localhost, http://127.0.0.1,
 * any port) and the origins of registered redirect URIs (or their subdomains) are echoed with
 * fixed methods and headers and credentials, as is an origin on the server's own host; other origins get 403. Token and userinfo endpoints allow any origin.
 * Faults: `cors-off` sends no CORS headers at all; `cors-no-auth-header` drops `Authorization`
 * from the allowed headers.
 */
import type { Req, Res } from './http-util.js';
import { casdoorOriginAllowed } from './redirect-match.js';
import type { EmulatorState } from './state.js';

export interface CorsPolicy {
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Paths (exact) that allow any origin. */
  anyOriginPaths: string[];
}

/**
 * Casdoor's CorsFilter also allows an origin whose hostname is the request's own host (its
 * frontend on the same host; routers/cors_filter.go `originHostname == host`): the login form's
 * own POSTs carry that Origin.
 */
function sameHost(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const originHost = URL.parse(origin)?.hostname;
  const requestHost = URL.parse(`http://${hostHeader}`)?.hostname;
  return originHost !== undefined && originHost === requestHost;
}

/** Applies CORS; returns true when the request has been fully answered (preflight or refusal). */
export function applyCors(req: Req, res: Res, path: string, state: EmulatorState, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  if (!origin || state.faults.corsOff) return false;
  const anyOrigin = policy.anyOriginPaths.includes(path);
  if (!anyOrigin && !sameHost(origin, req.headers.host) && !state.apps.some((a) => casdoorOriginAllowed(origin, a.redirectUris))) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`CORS error: origin ${origin} is not allowed`);
    return true;
  }
  const headers = state.faults.corsNoAuthHeader ? policy.allowHeaders.filter((h) => h.toLowerCase() !== 'authorization') : policy.allowHeaders;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS, DELETE');
  res.setHeader('Access-Control-Allow-Headers', headers.join(', '));
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  if (policy.exposeHeaders.length > 0) res.setHeader('Access-Control-Expose-Headers', policy.exposeHeaders.join(', '));
  if (req.method === 'OPTIONS') {
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
    return true;
  }
  return false;
}
