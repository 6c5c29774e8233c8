/**
 * A TLS handshake judged against the public root CAs only: `ca: tls.rootCertificates` (the Mozilla
 * CA store Node ships) replaces the default store, so neither NODE_EXTRA_CA_CERTS nor a `--ca`
 * trusted by this computer counts. That is what a client in Anthropic's cloud can verify
 * (docs/claude-routes.md). Never throws for a bad certificate: the verdict says why.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TlsVerdict } from '../diagnostics/types.js';
import { tlsVerdictOf } from '../diagnostics/node-deps.js';

export interface PublicTlsOptions {
  /** The trust store; default tls.rootCertificates. Tests pass a store with their own CA to prove the inverse. */
  ca?: readonly string[];
}

export function publicTlsProbe(host: string, port: number, signal: AbortSignal, opts: PublicTlsOptions = {}): Promise<TlsVerdict> {
  return new Promise((resolve) => {
    const isIp = net.isIP(host) !== 0;
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ca: [...(opts.ca ?? tls.rootCertificates)], ...(isIp ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] });
    const abort = () => { socket.destroy(); resolve({ authorized: false, handshakeError: 'TIMEOUT no answer before the check\'s time limit' }); };
    if (signal.aborted) { abort(); return; }
    signal.addEventListener('abort', abort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', abort);
      resolve(tlsVerdictOf(tls, socket, host));
    });
    socket.once('error', (e) => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      resolve({ authorized: false, handshakeError: `${(e as { code?: string }).code ?? ''} ${e.message}`.trim() });
    });
  });
}
