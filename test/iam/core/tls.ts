/**
 * Fault `tls`: a throwaway CA and a leaf certificate for 127.0.0.1 / localhost / ::1 signed by it
 * (selfsigned), so tests can trust exactly this server by handing `caPem` to their client.
 */
import { generate } from 'selfsigned';

export interface TlsMaterial {
  caPem: string;
  key: string;
  cert: string;
}

export async function createTlsMaterial(): Promise<TlsMaterial> {
  const notAfterDate = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'IAM emulator test CA' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate, ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { caPem: ca.cert, key: leaf.private, cert: leaf.cert };
}
