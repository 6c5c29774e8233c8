/**
 * The `tls` fault: a self-signed certificate for 127.0.0.1/localhost (selfsigned), and a fetch that
 * trusts exactly that certificate, for in-process clients (the resource server's JWKS fetch, tests).
 * Node's global fetch cannot take a CA per call, so this goes through node:https with `ca`.
 */
import https from 'node:https';
import { generate } from 'selfsigned';

export interface LoopbackCertificate { key: string; cert: string }

export async function generateLoopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A fetch for https URLs trusting `caPem`; never follows redirects (callers see 3xx as is). */
export function fetchTrusting(caPem: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = https.request(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ca: caPem,
        signal: init?.signal ?? undefined,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
          }
          const status = res.statusCode ?? 500;
          const nullBody = status === 204 || status === 304 || request.method === 'HEAD';
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}
