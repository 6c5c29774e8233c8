/** The redirect URI the bridge will send for a target (see redirect.loopback). */
import { bridgeRedirectUri } from '../mcp-remote-facts.js';
import { mcpRemoteDefaultPort, serverUrlHash } from './entry.js';
import type { DoctorTarget } from './types.js';

export function redirectUriForTarget(t: DoctorTarget): string | undefined {
  if (t.entry?.callback) return t.entry.callback.uri;
  if (t.entry) return undefined;
  // No entry: the URI the helper's entry builder would use for this URL.
  return t.mcpUrl ? bridgeRedirectUri(mcpRemoteDefaultPort(serverUrlHash(t.mcpUrl))) : undefined;
}
