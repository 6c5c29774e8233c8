/** The redirect URI the bridge will send for a target (see redirect.loopback). */
import { defaultCallbackPort } from '../config/entry-builder.js';
import { bridgeRedirectUri } from '../mcp-remote-facts.js';
import type { DoctorTarget } from './types.js';

export function redirectUriForTarget(t: DoctorTarget): string | undefined {
  if (t.entry?.callback) return t.entry.callback.uri;
  if (t.entry) return undefined;
  // No entry yet: the URI `iam-mcp-helper setup` would write for this URL.
  return t.mcpUrl ? bridgeRedirectUri(defaultCallbackPort(t.mcpUrl)) : undefined;
}
