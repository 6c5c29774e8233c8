/**
 * CORS as Casdoor does it (facts, "CORS"): origins on localhost / 127.0.0.1 (any scheme and port)
 * and the origins of registered redirect URIs are echoed with fixed methods and headers and
 * credentials; other origins get 403. Token and userinfo endpoints allow any origin.
 * Faults: `cors-off` sends no CORS headers at all; `cors-no-auth-header` drops `Authorization`
 * from the allowed headers.
 */
import type { Req, Res } from './http-util.js';
import type { EmulatorState } from './state.js';

export interface CorsPolicy {
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Paths (exact) that allow any origin. */
  anyOriginPaths: string[];
}

function originAllowed(state: EmulatorState, origin: string): boolean {
  try {
    const url = new URL(origin);
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') return true;
  } catch {
    return false;
  }
  return state.apps.some((a) => a.redirectUris.some((r) => {
    try {
      return new URL(r).origin === origin;
    } catch {
      return false;
    }
  }));
}

/** Applies CORS; returns true when the request has been fully answered (preflight or refusal). */
export function applyCors(req: Req, res: Res, path: string, state: EmulatorState, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  if (!origin || state.faults.corsOff) return false;
  const anyOrigin = policy.anyOriginPaths.includes(path);
  if (!anyOrigin && !originAllowed(state, origin)) {
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
