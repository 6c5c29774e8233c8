/**
 * A reverse proxy in front of an emulator that writes down every credential the server hands out:
 * `access_token`, `refresh_token` and `id_token` of JSON responses (the token endpoint) and the
 * `code` of redirects (the authorization endpoint). The emulators build their URLs from the
 * request's Host, so every URL they hand out points back at this proxy and no exchange bypasses it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  origin: string;
  /** Every credential seen so far. */
  issued: Set<string>;
  close(): Promise<void>;
}

const CREDENTIALS = ['access_token', 'refresh_token', 'id_token'];

export async function startRecordingProxy(upstreamOrigin: string): Promise<RecordingProxy> {
  const upstream = new URL(upstreamOrigin);
  const issued = new Set<string>();
  const server = http.createServer((req, res) => {
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const location = up.headers.location;
      if (location) {
        const code = new URL(location, 'http://x').searchParams.get('code');
        if (code) issued.add(code);
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => { chunks.push(c); res.write(c); });
      up.on('end', () => {
        res.end();
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          for (const k of CREDENTIALS) if (typeof body[k] === 'string' && body[k]) issued.add(body[k]);
        } catch { /* not JSON */ }
      });
    });
    out.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    issued,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
