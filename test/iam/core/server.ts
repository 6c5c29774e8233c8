/**
 * The HTTP(S) frame every profile runs in: binds 127.0.0.1, applies the `slow` and `clock-skew`
 * faults to every response (the Date header follows the skewed server clock), turns handler
 * crashes into 500s, and closes idempotently.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Faults } from '../types.js';
import { sendText, type Req, type Res } from './http-util.js';
import { createState, type EmulatorState } from './state.js';
import { createSigningKeys } from './tokens.js';
import { createTlsMaterial } from './tls.js';

export type Handler = (req: Req, res: Res, url: URL) => Promise<void>;

export interface Listening {
  origin: string;
  caPem: string | undefined;
  close(): Promise<void>;
}

export async function listen(port: number, tls: boolean, getFaults: () => Faults, handler: Handler): Promise<Listening> {
  const onRequest = (req: Req, res: Res) => {
    void (async () => {
      const faults = getFaults();
      if (faults.slow) await new Promise((r) => setTimeout(r, faults.slow));
      res.setHeader('Date', new Date(Date.now() + (faults.clockSkew ?? 0) * 1000).toUTCString());
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      await handler(req, res, url);
    })().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const material = tls ? await createTlsMaterial() : undefined;
  const server: Server = material ? createHttpsServer({ key: material.key, cert: material.cert }, onRequest) : createHttpServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${bound}`,
    caPem: material?.caPem,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export interface ProfileServer {
  state: EmulatorState;
  listening: Listening;
}

export type Route = (req: Req, res: Res, url: URL, state: EmulatorState) => Promise<void>;

/** Generates the signing key, listens, then creates the state (its issuer needs the bound port). */
export async function startProfile(port: number, faults: Faults, defaultExpireInHours: number, route: Route): Promise<ProfileServer> {
  const keys = await createSigningKeys();
  const ref: { state?: EmulatorState } = {};
  const tls = faults.tls === true;
  const listening = await listen(port, tls, () => ref.state?.faults ?? faults, async (req, res, url) => {
    if (!ref.state) return sendText(res, 503, 'starting');
    await route(req, res, url, ref.state);
  });
  ref.state = createState({ origin: listening.origin, issuer: listening.origin, defaultExpireInHours, faults, keys });
  return { state: ref.state, listening };
}
