/**
 * A rewriting reverse proxy in front of an emulator, for the three faults the emulator has no
 * switch for: authorization-server metadata without S256, metadata with another issuer, and a
 * callback redirect carrying a state that is not the client's. The emulators build their URLs from
 * the request's Host, so every URL they hand out points back at this proxy.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Rewrites {
  noS256?: boolean;
  issuer?: string;
  tamperState?: boolean;
}

export async function startRewriteProxy(upstreamOrigin: string, rewrites: Rewrites): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(upstreamOrigin);
  const server = http.createServer((req, res) => {
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const headers = { ...up.headers };
      const location = headers.location;
      if (rewrites.tamperState && location && /[?&]code=/.test(location)) {
        const url = new URL(location, `http://${req.headers.host}`);
        url.searchParams.set('state', 'tampered-state');
        headers.location = url.toString();
      }
      const isMetadata = /^\/\.well-known\/(oauth-authorization-server|openid-configuration)/.test(req.url ?? '');
      if (!isMetadata || up.statusCode !== 200) {
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const doc = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        if (rewrites.noS256) delete doc.code_challenge_methods_supported;
        if (rewrites.issuer) doc.issuer = rewrites.issuer;
        const body = JSON.stringify(doc);
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    out.on('error', () => { res.writeHead(502).end(); });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
