/** The real-world DoctorDeps for the CLI and the GUI; tests pass their own. */
import { execFile } from 'node:child_process';
import dns from 'node:dns/promises';
import net from 'node:net';
import { nodeFs } from '../config/fs-port.js';
import type { DoctorDeps, ProcessInfo, TlsVerdict } from './types.js';
import { nodePortProbe } from '../bridge-tools/port-probe-node.js';

/** Destroys the socket when the check is cancelled or timed out, including when it already was. */
function onAbort(signal: AbortSignal, socket: net.Socket, reject: (e: Error) => void): void {
  if (signal.aborted) { socket.destroy(); reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })); return; }
  signal.addEventListener('abort', () => { socket.destroy(); reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })); }, { once: true });
}

export function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    onAbort(signal, socket, reject);
    socket.once('connect', () => { socket.destroy(); resolve(); });
    socket.once('error', (e) => { socket.destroy(); reject(e); });
  });
}

/**
 * `extraCa` plays NODE_EXTRA_CA_CERTS (PEM) on top of Node's roots. `node:tls` is loaded on first
 * use: most runs (plain-http loopback, --offline) never need it, and loading it is a measurable
 * part of the CLI's start (bench/doctor.mjs).
 */
/**
 * The verdict on a finished handshake made with `rejectUnauthorized: false` (so a bad chain is
 * reported, not thrown); destroys the socket. Node checks the host name only when rejecting, so it
 * is checked here (RFC 6125 via checkServerIdentity).
 */
export function tlsVerdictOf(tls: typeof import('node:tls'), socket: import('node:tls').TLSSocket, host: string): TlsVerdict {
  const cert = socket.getPeerCertificate();
  let errorCode = socket.authorizationError ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError) : undefined;
  if (!errorCode && cert && Object.keys(cert).length) {
    const err = tls.checkServerIdentity(host, cert);
    if (err) errorCode = (err as { code?: string }).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
  }
  socket.destroy();
  return { authorized: !errorCode, ...(errorCode ? { errorCode } : {}), subject: [cert?.subject?.CN].flat().join(', ') || undefined, altNames: cert?.subjectaltname, validTo: cert?.valid_to };
}

export async function tlsProbe(host: string, port: number, signal: AbortSignal, extraCa?: string): Promise<TlsVerdict> {
  const tls = await import('node:tls');
  return new Promise((resolve, reject) => {
    const isIp = net.isIP(host) !== 0;
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(extraCa ? { ca: [...tls.rootCertificates, extraCa] } : {}), ...(isIp ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] });
    onAbort(signal, socket, reject);
    socket.once('secureConnect', () => resolve(tlsVerdictOf(tls, socket, host)));
    socket.once('error', (e) => { socket.destroy(); resolve({ authorized: false, handshakeError: `${(e as { code?: string }).code ?? ''} ${e.message}`.trim() }); });
  });
}

/** The --ca fetch (verify/ca-fetch.ts), loaded on first use: undici is not needed by a run without --ca. */
function lazyFetchTrustingCa(pem: string): DoctorDeps['fetch'] {
  let made: Promise<DoctorDeps['fetch']> | undefined;
  return async (url, init) => (await (made ??= import('../verify/ca-fetch.js').then((m) => m.fetchTrustingCa(pem))))(url, init);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile(cmd, args, { timeout: 3000, windowsHide: true }, (e, out) => (e ? reject(e) : resolve(String(out)))));
}

export async function listProcesses(platform: NodeJS.Platform): Promise<ProcessInfo[]> {
  if (platform === 'win32') {
    const out = await run('tasklist', ['/fo', 'csv', '/nh']);
    return out.split(/\r?\n/).filter(Boolean).map((l) => ({ name: l.split('","')[0]?.replace(/^"/, '') ?? '' }));
  }
  const out = await run('ps', ['-axo', 'lstart=,comm=']);
  return out.split('\n').filter(Boolean).map((l) => {
    // lstart is a fixed 24-character date, e.g. "Thu Nov 26 18:19:18 2026".
    const started = Date.parse(l.slice(0, 24));
    const name = l.slice(24).trim();
    return { name: name.split('/').pop() === 'Claude' && name.includes('Claude.app') ? name : (name.split('/').pop() ?? name), ...(Number.isNaN(started) ? {} : { startedAtMs: started }) };
  });
}

export function nodeDeps(input: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; homedir: string }): DoctorDeps {
  return {
    fetch: (url, init) => fetch(url, init),
    fs: nodeFs,
    env: input.env, platform: input.platform, homedir: input.homedir, now: Date.now,
    lookup: async (host) => (await dns.lookup(host, { all: true })).map((a) => a.address),
    tcpConnect, tlsProbe: (host, port, signal) => tlsProbe(host, port, signal),
    listProcesses: () => listProcesses(input.platform),
    nodeVersion: (nodePath) => run(nodePath, ['--version']).then((s) => s.trim()).catch(() => undefined),
    registryUrl: (input.env.npm_config_registry || 'https://registry.npmjs.org').replace(/\/+$/, ''),
    portProbe: nodePortProbe(input.platform),
    trustingCa: (pem) => ({ fetch: lazyFetchTrustingCa(pem), tlsProbe: (host, port, signal) => tlsProbe(host, port, signal, pem) }),
  };
}
