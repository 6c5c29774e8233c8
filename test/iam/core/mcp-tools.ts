/**
 * MCP tools over the seed data (docs/iam-facts.md, "Tools"), the scope each needs, and the scope shortcuts
 * `read`/`write`/`admin` that expand to whole groups.
 */
import { publicApplication, publicUser, type SeedApplication, type SeedUser } from './seed.js';
import type { EmulatorState } from './state.js';

export type ToolScope = 'application:read' | 'application:write' | 'user:read' | 'user:write';

/** Shortcuts expand to whole groups; `admin` grants everything. */
const SHORTCUTS: Record<string, ToolScope[]> = {
  read: ['application:read', 'user:read'],
  write: ['application:write', 'user:write'],
  admin: ['application:read', 'application:write', 'user:read', 'user:write'],
};

export function expandScopes(scope: string): Set<string> {
  const out = new Set<string>();
  for (const s of scope.split(' ').filter(Boolean)) {
    out.add(s);
    for (const e of SHORTCUTS[s] ?? []) out.add(e);
  }
  return out;
}

type Args = Record<string, unknown>;

export interface ToolDef {
  name: string;
  description: string;
  requiredScope: ToolScope;
  inputSchema: { type: 'object'; properties: Record<string, unknown>; required: string[] };
  run(state: EmulatorState, caller: SeedUser, args: Args): unknown;
}

const obj = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object' as const, properties, required });
const str = { type: 'string' };
const any = { type: 'object' };

function splitId(id: unknown): [string, string] {
  const [owner = '', name = ''] = String(id ?? '').split('/');
  return [owner, name];
}
const matchApp = (a: SeedApplication, owner: string, name: string) => (a.owner === owner || a.organization === owner) && a.name === name;
const matchUser = (u: SeedUser, owner: string, name: string) => u.owner === owner && u.username === name;
const affected = (changed: boolean) => ({ status: 'ok', msg: '', data: changed ? 'Affected' : 'Unaffected' });

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}

function newApp(input: Record<string, unknown>): SeedApplication {
  const name = String(input.name ?? '');
  return {
    owner: String(input.owner ?? 'admin'), name, displayName: String(input.displayName ?? name), clientId: String(input.clientId ?? name),
    clientSecret: String(input.clientSecret ?? ''), organization: String(input.organization ?? 'built-in'), category: input.category === 'Agent' ? 'Agent' : 'Default',
    type: String(input.type ?? ''), grantTypes: (input.grantTypes as string[] | undefined) ?? ['authorization_code'], tokenFormat: 'JWT',
    redirectUris: (input.redirectUris as string[] | undefined) ?? [], scopes: [], expireInHours: 168, refreshExpireInHours: 168,
  };
}

export const APPLICATION_TOOLS: ToolDef[] = [
  { name: 'get_applications', description: 'List the applications of an owner', requiredScope: 'application:read', inputSchema: obj({ owner: str }, ['owner']),
    run: (s, _u, a) => s.apps.filter((x) => x.owner === a.owner || x.organization === a.owner).map(publicApplication) },
  { name: 'get_application', description: 'Get one application by id "owner/name"', requiredScope: 'application:read', inputSchema: obj({ id: str }, ['id']),
    run: (s, _u, a) => { const [o, n] = splitId(a.id); const found = s.apps.find((x) => matchApp(x, o, n)); return found ? publicApplication(found) : null; } },
  { name: 'add_application', description: 'Add an application', requiredScope: 'application:write', inputSchema: obj({ application: any }, ['application']),
    run: (s, _u, a) => { const app = newApp(asRecord(a.application)); const dup = s.apps.some((x) => x.owner === app.owner && x.name === app.name); if (!dup) s.apps.push(app); return affected(!dup); } },
  { name: 'update_application', description: 'Update application "owner/name"', requiredScope: 'application:write', inputSchema: obj({ id: str, application: any }, ['id', 'application']),
    run: (s, _u, a) => { const [o, n] = splitId(a.id); const i = s.apps.findIndex((x) => matchApp(x, o, n)); const cur = s.apps[i]; if (cur) s.apps[i] = { ...cur, ...(asRecord(a.application) as Partial<SeedApplication>) }; return affected(cur !== undefined); } },
  { name: 'delete_application', description: 'Delete an application', requiredScope: 'application:write', inputSchema: obj({ application: any }, ['application']),
    run: (s, _u, a) => { const x = asRecord(a.application); const before = s.apps.length; s.apps = s.apps.filter((y) => !matchApp(y, String(x.owner), String(x.name))); return affected(s.apps.length < before); } },
];

export const USER_TOOLS: ToolDef[] = [
  { name: 'get_users', description: 'List the users of an organization', requiredScope: 'user:read', inputSchema: obj({ owner: str }, ['owner']),
    run: (s, _u, a) => s.users.filter((x) => x.owner === a.owner).map(publicUser) },
  { name: 'get_user', description: 'Get one user by id "owner/name"', requiredScope: 'user:read', inputSchema: obj({ id: str }, ['id']),
    run: (s, _u, a) => { const [o, n] = splitId(a.id); const found = s.users.find((x) => matchUser(x, o, n)); return found ? publicUser(found) : null; } },
  { name: 'add_user', description: 'Add a user', requiredScope: 'user:write', inputSchema: obj({ user: any }, ['user']),
    run: (s, _u, a) => { const x = asRecord(a.user); const name = String(x.name ?? ''); const owner = String(x.owner ?? 'built-in'); const dup = s.users.some((y) => matchUser(y, owner, name));
      if (!dup) s.users.push({ owner, username: name, password: String(x.password ?? ''), isAdmin: false, displayName: String(x.displayName ?? name), email: String(x.email ?? ''), isForbidden: false });
      return affected(!dup); } },
  { name: 'update_user', description: 'Update user "owner/name"', requiredScope: 'user:write', inputSchema: obj({ id: str, user: any }, ['id', 'user']),
    run: (s, _u, a) => { const [o, n] = splitId(a.id); const cur = s.users.find((x) => matchUser(x, o, n)); const x = asRecord(a.user);
      if (cur) { if (typeof x.displayName === 'string') cur.displayName = x.displayName; if (typeof x.email === 'string') cur.email = x.email; if (typeof x.isForbidden === 'boolean') cur.isForbidden = x.isForbidden; }
      return affected(cur !== undefined); } },
  { name: 'delete_user', description: 'Delete a user', requiredScope: 'user:write', inputSchema: obj({ user: any }, ['user']),
    run: (s, _u, a) => { const x = asRecord(a.user); const before = s.users.length; s.users = s.users.filter((y) => !matchUser(y, String(x.owner), String(x.name))); return affected(s.users.length < before); } },
];

export type ToolOutcome =
  | { kind: 'result'; result: { content: { type: 'text'; text: string }[]; isError?: boolean } }
  | { kind: 'insufficient_scope'; data: { tool: string; granted_scopes: string[]; required_scope: string } }
  | { kind: 'unknown_tool'; message: string };

/** Runs a tool for a caller whose token carries `scope`; write tools also need an admin user. */
export function callTool(tools: ToolDef[], state: EmulatorState, caller: SeedUser, scope: string, name: string, args: Args): ToolOutcome {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return { kind: 'unknown_tool', message: `Unknown tool: ${name}` };
  const granted = expandScopes(scope);
  if (!granted.has(tool.requiredScope)) {
    return { kind: 'insufficient_scope', data: { tool: name, granted_scopes: scope.split(' ').filter(Boolean), required_scope: tool.requiredScope } };
  }
  const text = (t: string, isError = false) => ({ kind: 'result' as const, result: { content: [{ type: 'text' as const, text: t }], ...(isError ? { isError } : {}) } });
  if (tool.requiredScope.endsWith(':write') && !caller.isAdmin) return text('Unauthorized operation', true);
  try {
    return text(JSON.stringify(tool.run(state, caller, args ?? {}), null, 2));
  } catch (error) {
    return text(error instanceof Error ? error.message : String(error), true);
  }
}

export function listTools(tools: ToolDef[], scope: string | undefined) {
  const granted = scope === undefined ? undefined : expandScopes(scope);
  return tools.filter((t) => !granted || granted.has(t.requiredScope)).map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
}
