/**
 * The verifier's options for an mcpServers entry as written (config/entry-describe.ts reads it as
 * Claude Desktop and mcp-remote do): its URL, client id, scopes and the callback it listens on, so
 * a pass is about the entry Claude Desktop runs, not about flags that may differ from it.
 */
import type { EntryDescription } from '../config/entry-describe.js';
import { LOOPBACK_HOSTS } from '../oauth/callback-server.js';
import type { VerifyOptions } from './types.js';

export interface EntryVerifyOptions {
  options: Partial<VerifyOptions> & Pick<VerifyOptions, 'url'>;
  /** What the entry leaves to the verifier's defaults, or what it cannot reproduce, in words. */
  notes: string[];
}

/** Undefined `url` means the entry names no MCP URL (nothing to verify). */
export function verifyOptionsFromEntry(d: EntryDescription): EntryVerifyOptions | undefined {
  if (!d.url) return undefined;
  const options: EntryVerifyOptions['options'] = { url: d.url };
  const notes: string[] = [];
  if (d.clientId) options.clientId = d.clientId;
  else if (d.clientInfoFile) notes.push(`the client id is in ${d.clientInfoFile}, which is not read: give it explicitly`);
  if (d.scopes) options.scopes = d.scopes.split(' ').filter(Boolean);
  else if (d.clientMetadataFile) notes.push(`the scopes are in ${d.clientMetadataFile}, which is not read: give them explicitly`);
  if (d.callback) {
    options.callbackPort = d.callback.port;
    options.callbackPath = d.callback.path;
    if ((LOOPBACK_HOSTS as readonly string[]).includes(d.callback.host)) options.callbackHost = d.callback.host;
    else notes.push(`the entry's callback host "${d.callback.host}" is not a literal loopback address; the verifier listens on 127.0.0.1, so its redirect URI differs from the bridge's ${d.callback.uri}`);
  }
  return { options, notes };
}
