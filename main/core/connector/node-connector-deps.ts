/** The real ConnectorDeps (CLI, app): the doctor's node deps plus the public-roots TLS probe. */
import { nodeDeps } from '../diagnostics/node-deps.js';
import type { ConnectorDeps } from './run-connector.js';
import { publicTlsProbe } from './public-tls.js';

export function nodeConnectorDeps(input: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; homedir: string }): ConnectorDeps {
  return { ...nodeDeps(input), publicTlsProbe: (host, port, signal) => publicTlsProbe(host, port, signal) };
}
