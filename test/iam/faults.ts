/**
 * Fault switches: `--fault name[=value]` strings parsed into a Faults set; combinable
 * by repeating `--fault` or separating with commas only where the value is not a list.
 */
import type { Faults } from './types.js';

export const FAULT_NAMES = [
  'redirect-strict', 'redirect-list', 'cors-off', 'cors-no-auth-header', 'token-ttl', 'no-refresh-grant',
  'refresh-expires-with-access', 'clock-skew', 'revoke-all', 'app-scopes', 'mcp-path', 'tls', 'slow', 'dcr',
  'claude-callbacks', 'pkce-unadvertised', 'authorize-500',
] as const;

export class FaultParseError extends Error {
  readonly code = 'USAGE';
}

function int(name: string, value: string | undefined, allowNegative = false): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n) || (!allowNegative && n < 0)) {
    throw new FaultParseError(`fault ${name} needs an integer value (got ${value ?? 'nothing'})`);
  }
  return n;
}

function list(name: string, value: string | undefined): string[] {
  const items = (value ?? '').split(/[,\s]+/).filter(Boolean);
  if (items.length === 0) throw new FaultParseError(`fault ${name} needs a comma-separated list`);
  return items;
}

function flag(name: string, value: string | undefined): boolean {
  if (value !== undefined) throw new FaultParseError(`fault ${name} takes no value`);
  return true;
}

/** Parses one `name[=value]` into a patch of Faults. */
export function parseFault(spec: string): Faults {
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const value = eq < 0 ? undefined : spec.slice(eq + 1).trim();
  switch (name) {
    case 'redirect-strict': return { redirectStrict: flag(name, value) };
    case 'redirect-list': return { redirectList: list(name, value) };
    case 'cors-off': return { corsOff: flag(name, value) };
    case 'cors-no-auth-header': return { corsNoAuthHeader: flag(name, value) };
    case 'token-ttl': return { tokenTtl: int(name, value) };
    case 'no-refresh-grant': return { noRefreshGrant: flag(name, value) };
    case 'refresh-expires-with-access': return { refreshExpiresWithAccess: flag(name, value) };
    case 'clock-skew': return { clockSkew: int(name, value, true) };
    case 'revoke-all': return { revokeAll: flag(name, value) };
    case 'app-scopes': return { appScopes: list(name, value) };
    case 'mcp-path': {
      if (!value?.startsWith('/')) throw new FaultParseError('fault mcp-path needs a path starting with /');
      return { mcpPath: value };
    }
    case 'tls': return { tls: flag(name, value) };
    case 'slow': return { slow: int(name, value) };
    case 'dcr': {
      if (value !== 'on' && value !== 'off') throw new FaultParseError('fault dcr needs on or off');
      return { dcr: value === 'on' };
    }
    case 'claude-callbacks': return { claudeCallbacks: flag(name, value) };
    case 'pkce-unadvertised': return { pkceUnadvertised: flag(name, value) };
    case 'authorize-500': {
      if (value !== undefined && value !== 'resource') throw new FaultParseError('fault authorize-500 takes no value, or "resource"');
      return { authorize500: value === 'resource' ? 'resource' : 'always' };
    }
    default:
      throw new FaultParseError(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
  }
}

/** Combines several `name[=value]` strings; later ones win for the same switch. */
export function parseFaults(specs: string[]): Faults {
  return specs.reduce<Faults>((acc, spec) => ({ ...acc, ...parseFault(spec) }), {});
}
