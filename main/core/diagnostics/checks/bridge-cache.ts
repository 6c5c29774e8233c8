/**
 * bridge.token-cache: mcp-remote's own cache for this server. Layout (mcp-remote 0.15.1
 * src/lib/mcp-auth-config.ts): `<mcpRemoteConfigDir>/mcp-remote-v1/<hash>_tokens.json`
 * and `<hash>_client_info.json`, hash = md5 of the server URL joined by `|` with --resource (and
 * headers/authorize params, not modelled here). `expires_at` is epoch milliseconds.
 */
import path from 'node:path';
import type { CheckContext, CheckDef, DoctorDeps, TokenSource } from '../types.js';
import { say } from '../words.js';
import { mcpRemoteConfigDir, serverUrlHash } from '../../mcp-remote-facts.js';
import { claimsOf, duration } from './token.js';

export const MCP_REMOTE_STORE_DIR = 'mcp-remote-v1';

export interface BridgeCache {
  dir: string;
  hash: string;
  tokensFile: string;
  tokens?: { access_token?: string; refresh_token?: string; expires_at?: number; scope?: string; requested_scope?: string; issuer?: string };
  clientInfo?: { client_id?: string; redirect_uris?: string[] };
  error?: string;
}

/** The store Claude's bridge uses: only the entry's env reaches it, never the helper's own (mcpRemoteConfigDir). */
export function bridgeCacheDir(deps: Pick<DoctorDeps, 'homedir' | 'platform'>, entryEnv: Record<string, string> = {}): string {
  const p = deps.platform === 'win32' ? path.win32 : path.posix;
  return p.join(mcpRemoteConfigDir({ entryEnv, homedir: deps.homedir, platform: deps.platform }), MCP_REMOTE_STORE_DIR);
}

export async function readBridgeCache(deps: Pick<DoctorDeps, 'homedir' | 'platform' | 'fs'>, url: string, resource?: string, entryEnv?: Record<string, string>): Promise<BridgeCache> {
  const dir = bridgeCacheDir(deps, entryEnv);
  const hash = serverUrlHash(url, resource ? [resource] : []);
  const p = deps.platform === 'win32' ? path.win32 : path.posix;
  const tokensFile = p.join(dir, `${hash}_tokens.json`);
  const out: BridgeCache = { dir, hash, tokensFile };
  const read = async (file: string): Promise<unknown> => {
    try { return JSON.parse((await deps.fs.readFile(file)).toString('utf8')); } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return undefined;
      out.error = `${p.basename(file)}: ${(e as Error).message}`;
      return undefined;
    }
  };
  const tokens = await read(tokensFile);
  if (tokens && typeof tokens === 'object') out.tokens = tokens as BridgeCache['tokens'];
  const info = await read(p.join(dir, `${hash}_client_info.json`));
  if (info && typeof info === 'object') out.clientInfo = info as BridgeCache['clientInfo'];
  return out;
}

/** The bridge's cached token as a doctor token source (`--use-bridge-cache`). */
export async function tokenFromBridgeCache(deps: DoctorDeps, url: string, entryEnv?: Record<string, string>): Promise<TokenSource | undefined> {
  const c = await readBridgeCache(deps, url, undefined, entryEnv);
  if (!c.tokens?.access_token) return undefined;
  return { accessToken: c.tokens.access_token, origin: 'bridge-cache', ...(c.tokens.refresh_token ? { refreshToken: c.tokens.refresh_token } : {}), ...(c.tokens.scope ? { scope: c.tokens.scope } : {}) };
}

function resourceArg(ctx: CheckContext): string | undefined {
  const a = ctx.options.target.entry?.bridgeArgs ?? [];
  const i = a.indexOf('--resource');
  return i !== -1 ? a[i + 1] : undefined;
}

export const bridgeChecks: CheckDef[] = [
  {
    id: 'bridge.token-cache', area: 'bridge', title: 'mcp-remote\'s token cache is usable',
    async run(ctx) {
      const url = ctx.options.target.mcpUrl;
      if (!url) return { status: 'skip', evidence: {}, ...say('no-url') };
      const c = await readBridgeCache(ctx.deps, url, resourceArg(ctx), ctx.options.target.entry?.env);
      const evidence: Record<string, unknown> = { dir: c.dir, hash: c.hash, tokensFile: c.tokensFile, cached: !!c.tokens };
      if (c.error) return { status: 'warn', evidence: { ...evidence, error: c.error }, ...say('cache-unreadable', { file: c.error.split(':')[0] }) };
      if (!c.tokens?.access_token) return { status: 'pass', evidence, ...say('cache-empty') };
      const wantClient = ctx.options.target.clientId;
      const claims = claimsOf(c.tokens.access_token);
      const azp = typeof claims?.azp === 'string' ? claims.azp : typeof claims?.client_id === 'string' ? claims.client_id : undefined;
      const aud = Array.isArray(claims?.aud) ? claims.aud : claims?.aud ? [claims.aud] : [];
      const staticInfo = ctx.options.target.entry?.clientIdSource === 'static-oauth-client-info';
      const cachedClient = azp ?? (staticInfo ? undefined : c.clientInfo?.client_id);
      Object.assign(evidence, { tokenClient: cachedClient, aud, expiresAt: c.tokens.expires_at ? new Date(c.tokens.expires_at).toISOString() : undefined, hasRefreshToken: !!c.tokens.refresh_token, scope: c.tokens.scope });
      if (wantClient && cachedClient && cachedClient !== wantClient && !aud.includes(wantClient)) {
        return { status: 'fail', evidence, ...say('cache-foreign', { what: `to client "${cachedClient}" (this entry uses "${wantClient}")` }) };
      }
      const wanted = ctx.options.target.scopes;
      const requested = c.tokens.requested_scope?.split(' ').filter(Boolean);
      if (wanted && requested && wanted.some((s) => !requested.includes(s))) {
        return { status: 'fail', evidence: { ...evidence, requestedScope: c.tokens.requested_scope }, ...say('cache-foreign', { what: `for the scopes "${c.tokens.requested_scope}" (this entry asks for "${wanted.join(' ')}")` }) };
      }
      const exp = c.tokens.expires_at ?? (claims?.exp ? claims.exp * 1000 : undefined);
      if (exp !== undefined && exp <= ctx.deps.now() && !c.tokens.refresh_token) {
        return { status: 'warn', evidence, ...say('cache-expired', { ago: duration(ctx.deps.now() - exp) }) };
      }
      return { status: 'pass', evidence };
    },
  },
];
