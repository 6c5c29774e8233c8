/**
 * config.scope-names: are the entry's scopes ones this server knows? Known = what the server
 * advertises (RFC 9728 and RFC 8414 `scopes_supported`) plus what is known of servers of its
 * shape (server-facts.ts: Casdoor-shaped servers accept MCP scopes they do not advertise). Each
 * finding says which of those it rests on; a server not asked (offline, unreachable) is judged by
 * nothing but the guide's known-wrong names, and says so.
 */
import { CASDOOR_UNADVERTISED_SCOPES, GUIDE_SCOPE_FIXES, serverShape, type ServerShape } from '../../server-facts.js';
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';
import { discover } from './discovery.js';

interface ServerScopes {
  advertised: string[];
  /** Where `advertised` came from, for the words. */
  sources: string[];
  shape?: ServerShape;
  /** Accepted by servers of this shape without being advertised. */
  byShape: string[];
  /** Why the server was not asked, when it was not. */
  notAsked?: string;
}

const SHAPE_WORDS: Record<ServerShape, string> = { casdoor: 'a Casdoor-shaped server (Hanzo IAM)', 'hanzo-v1': 'the newer Hanzo IAM server' };

async function serverScopes(ctx: CheckContext, signal: AbortSignal): Promise<ServerScopes> {
  const empty = { advertised: [], sources: [], byShape: [] };
  if (ctx.options.offline) return { ...empty, notAsked: 'offline run' };
  if (!ctx.options.target.mcpUrl) return { ...empty, notAsked: 'no MCP URL' };
  // Discovery has settled (`after`); its memoised documents are read, never fetched again here.
  const as = ctx.result('discovery.authorization-server');
  if (!as || as.status === 'skip') return { ...empty, notAsked: 'its metadata was not fetched' };
  let d;
  try { d = await discover(ctx, signal); } catch (error) { return { ...empty, notAsked: `discovery failed (${(error as Error).message})` }; }
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const prm = list(d.prm?.json.scopes_supported);
  const asScopes = list(d.as?.json.scopes_supported);
  if (!d.prm && !d.as) return { ...empty, notAsked: 'its metadata could not be fetched' };
  const shape = serverShape(d.as?.json);
  return {
    advertised: [...new Set([...prm, ...asScopes])],
    sources: [...(prm.length ? ['RFC 9728 protected-resource metadata'] : []), ...(asScopes.length ? ['RFC 8414 authorization-server metadata'] : [])],
    ...(shape ? { shape } : {}),
    byShape: shape === 'casdoor' ? [...CASDOOR_UNADVERTISED_SCOPES] : [],
  };
}

export const scopeNamesCheck: Omit<CheckDef, 'run'> & { run(ctx: CheckContext, signal: AbortSignal, scopes: string[], evidence: Record<string, unknown>): Promise<Outcome> } = {
  id: 'config.scope-names', area: 'config', title: 'Scope names are the server\'s', after: ['discovery.protected-resource', 'discovery.authorization-server'],
  async run(ctx, signal, scopes, base) {
    const server = await serverScopes(ctx, signal);
    const known = new Set([...server.advertised, ...server.byShape]);
    const evidence = { ...base, advertised: server.advertised, advertisedIn: server.sources, ...(server.shape ? { shape: server.shape, acceptedByShape: server.byShape } : {}),
      ...(server.notAsked ? { serverNotAsked: server.notAsked } : {}) };
    const guide = scopes.filter((s) => GUIDE_SCOPE_FIXES[s] && !known.has(s));
    const suggested = scopes.map((s) => (guide.includes(s) ? GUIDE_SCOPE_FIXES[s] : s)).join(' ');
    const guideVars = { found: guide.join(', '), fixed: guide.map((g) => GUIDE_SCOPE_FIXES[g]).join(', '), suggested };
    if (guide.length && (server.notAsked || server.shape)) {
      const source = server.notAsked ? `Hanzo IAM (and Casdoor) calls them ${guideVars.fixed}; this server was not asked (${server.notAsked})`
        : `this server, ${SHAPE_WORDS[server.shape!]}, calls them ${guideVars.fixed}`;
      return { status: 'fail', evidence: { ...evidence, guideNames: guide }, ...say('scope-guide-names', { ...guideVars, source }) };
    }
    const advertisedWords = server.advertised.length ? `${server.advertised.join(' ')} (${server.sources.join(', ')})` : 'none';
    if (guide.length) {
      return { status: 'warn', evidence: { ...evidence, guideNames: guide }, ...say('scope-guide-names-unadvertised', { ...guideVars, advertised: advertisedWords }) };
    }
    if (server.notAsked) return { status: 'skip', notApplicable: true, evidence, ...say('scope-names-unchecked', { why: server.notAsked }) };
    if (known.size === 0) return { status: 'skip', notApplicable: true, evidence, ...say('scope-names-unchecked', { why: 'the server advertises no scopes_supported and its shape is not known' }) };
    const unknown = scopes.filter((s) => !known.has(s));
    if (!unknown.length) return { status: 'pass', evidence };
    const byShape = server.byShape.length ? `; ${SHAPE_WORDS[server.shape!]} also accepts ${server.byShape.join(' ')} without advertising them` : '';
    return { status: 'warn', evidence: { ...evidence, unknown }, ...say('scope-unknown', { found: unknown.join(', '), advertised: advertisedWords, byShape }) };
  },
};
