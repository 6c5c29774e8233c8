/**
 * `--ca <file>`: one fetch that trusts an extra CA (besides the system roots) for every HTTPS
 * request, handed to openid-client (customFetch), the MCP SDK transports (fetch option), jose's
 * JWKS fetch and our http wrapper alike. An undici Agent with `connect.ca` is the dispatcher.
 */
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { FetchLike } from '../http/exchange.js';

export function fetchTrustingCa(caPem: string, base: typeof fetch = fetch): FetchLike {
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, caPem] } });
  return (input, init) => base(input, { ...init, dispatcher } as unknown as RequestInit);
}
