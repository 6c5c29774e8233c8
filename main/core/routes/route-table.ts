/**
 * routeTable: which of Claude Desktop's three routes to a remote MCP server can work for this IAM,
 * why not, and which one to take (docs/claude-routes.md). One check run (the doctor's runner)
 * answers all three: the connector.* checks for the custom connector (connects from Anthropic's
 * cloud), net/discovery/redirect for the bundle and the bridge (connect from this computer), and
 * bridge.node-version for the bridge only (the bundle runs on Claude's built-in Node).
 */
import type { CheckResult, OnProgress } from '../../contract/check.js';
import { runChecks } from '../diagnostics/runner.js';
import { netChecks } from '../diagnostics/checks/net.js';
import { discoveryChecks } from '../diagnostics/checks/discovery.js';
import { redirectChecks } from '../diagnostics/checks/redirect.js';
import { bridgeNodeCheck } from '../diagnostics/checks/bridge-node.js';
import { bridgePortCheck } from '../diagnostics/checks/bridge-port.js';
import { connectorCheckDefs } from '../connector/checks.js';
import type { ConnectorDeps } from '../connector/run-connector.js';
import { defaultCallbackPort } from '../config/entry-builder.js';
import { bridgeRedirectUri } from '../mcp-remote-facts.js';

export type RouteId = 'connector' | 'bundle' | 'bridge';
export type Verdict = 'yes' | 'no' | 'maybe';

export interface RouteRow {
  route: RouteId;
  title: string;
  works: Verdict;
  /** Why it cannot (or may not) work, or what makes it work. */
  reason: string;
  fix?: string;
  /** The check that decided a "no" or "maybe". */
  decidedBy?: string;
}

export interface RouteTable {
  version: 1;
  url: string;
  clientId?: string;
  routes: RouteRow[];
  recommended?: RouteId;
  recommendation: string;
  checks: CheckResult[];
}

export interface RouteInput { url: string; clientId?: string; scopes?: string[]; timeoutMs?: number }

const TITLES: Record<RouteId, string> = {
  connector: 'Custom connector (Settings → Connectors)',
  bundle: 'Extension bundle (.mcpb)',
  bridge: 'Config bridge (mcp-remote via npx)',
};

const WHY: Record<RouteId, string> = {
  connector: 'nothing to install or keep running on this computer; Claude signs in and refreshes tokens itself, also on the web and mobile apps',
  bundle: 'installs with a double click and runs on Claude Desktop\'s built-in Node: no npx, no Node version or PATH to get right',
  bridge: 'works with the Node.js on this computer; the helper\'s setup writes the entry',
};

const PATH_CHECKS = ['net.dns', 'net.tcp', 'net.tls', 'net.http-scheme', 'mcp.endpoint', 'discovery.authorization-server', 'redirect.loopback'];

function verdictOf(route: RouteId, ids: string[], by: Map<string, CheckResult>, ok: string): RouteRow {
  for (const id of ids) {
    const c = by.get(id);
    if (c?.status === 'fail') return { route, title: TITLES[route], works: 'no', reason: c.cause ?? c.title, ...(c.fix ? { fix: c.fix } : {}), decidedBy: id };
  }
  for (const id of ids) {
    const c = by.get(id);
    if (c?.status === 'warn') return { route, title: TITLES[route], works: 'maybe', reason: c.cause ?? c.title, ...(c.fix ? { fix: c.fix } : {}), decidedBy: id };
  }
  return { route, title: TITLES[route], works: 'yes', reason: ok };
}

export async function routeTable(input: RouteInput, deps: ConnectorDeps, run: { signal?: AbortSignal; onProgress?: OnProgress } = {}): Promise<RouteTable> {
  const target = { name: 'routes', mcpUrl: input.url, ...(input.clientId ? { clientId: input.clientId } : {}), ...(input.scopes ? { scopes: input.scopes } : {}) };
  const defs = [
    ...connectorCheckDefs(deps), ...netChecks,
    ...discoveryChecks.filter((d) => d.id === 'discovery.authorization-server'), ...redirectChecks,
    // No config entry here: the bridge `setup` would write (npx on Claude's PATH, the default callback port).
    { ...bridgeNodeCheck, needs: [] }, { ...bridgePortCheck, needs: [] },
  ];
  const checks = await runChecks(defs, deps, { target, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) }, run);
  const by = new Map(checks.map((c) => [c.id, c]));
  const uri = bridgeRedirectUri(defaultCallbackPort(input.url));

  const connector = verdictOf('connector', checks.filter((c) => c.id.startsWith('connector.')).map((c) => c.id), by,
    input.clientId ? 'public host, publicly trusted https, and the application accepts Claude\'s callbacks' : 'public host, publicly trusted https, and Claude can register itself');
  const local = (route: RouteId, extra: string[], ok: string): RouteRow => {
    const row = verdictOf(route, [...PATH_CHECKS, ...extra], by, ok);
    if (row.works === 'yes' && !input.clientId) {
      const dcr = String(by.get('connector.registration')?.evidence.how ?? '').includes('dynamic');
      if (route === 'bundle' || !dcr) return { ...row, works: 'no', reason: `needs a client ID: create an application in IAM with the redirect URI ${uri}, then give its Client ID`, fix: `Create the application in the IAM admin panel with the redirect URI ${uri}, then enter its Client ID and check again.`, decidedBy: 'client-id' };
      return { ...row, works: 'maybe', reason: 'no client ID: mcp-remote would register a new client itself (dynamic client registration is open)' };
    }
    return row;
  };
  const bundle = local('bundle', ['bridge.callback-port'], `this computer reaches the IAM and the application accepts ${uri}`);
  const node = by.get('bridge.node-version')?.evidence;
  const bridge = local('bridge', ['bridge.node-version', 'bridge.callback-port'],
    `this computer reaches the IAM, the application accepts ${uri}${node?.nodeVersion ? `, and Claude's PATH runs Node ${String(node.nodeVersion)} (${String(node.node)})` : ''}`);

  const routes = [connector, bundle, bridge];
  const pick = routes.find((r) => r.works === 'yes') ?? routes.find((r) => r.works === 'maybe');
  return {
    version: 1, url: input.url, ...(input.clientId ? { clientId: input.clientId } : {}), routes,
    ...(pick ? { recommended: pick.route } : {}),
    recommendation: pick ? `${pick.route}: ${WHY[pick.route]}${pick.works === 'maybe' ? ` (check first: ${pick.reason})` : ''}` : NONE_WORKS,
    checks,
  };
}

/** Door-neutral: each door says how to check again (the CLI adds its command, the app its button). */
export const NONE_WORKS = 'none works yet: fix the first cause above, then check again';

/** The table as text (CLI): the door-neutral words plus the command-line way to act on them. */
export function renderRouteTable(t: RouteTable): string {
  const lines = [`Routes for ${t.url}${t.clientId ? ` (client ID ${t.clientId})` : ''}`, ''];
  for (const r of t.routes) {
    lines.push(`  ${r.route.padEnd(9)}  ${r.works.padEnd(5)}  ${r.title}`);
    lines.push(`             ${r.works === 'yes' ? '' : 'why: '}${r.reason}`);
    if (r.fix && r.works !== 'yes') lines.push(`             fix: ${r.fix}`);
    if (r.decidedBy === 'client-id') lines.push('             how: pass --client-id <the application\'s Client ID>');
  }
  lines.push('', `Recommended: ${t.recommendation}${t.recommendation === NONE_WORKS ? ' (run `iam-mcp-helper routes` again)' : ''}`, '');
  return lines.join('\n');
}
