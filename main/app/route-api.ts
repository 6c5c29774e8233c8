/**
 * The app's view of Claude Desktop's three routes (docs/claude-routes.md): the route table, the
 * custom connector's paste instructions with the connector.* checks, and the extension bundle
 * written to a folder. Each answers directly (no run): the checks are quick and bounded by
 * their timeout.
 */
import path from 'node:path';
import { routeTable } from '../core/routes/route-table.js';
import { connectorChecks } from '../core/connector/run-connector.js';
import { nodeConnectorDeps } from '../core/connector/node-connector-deps.js';
import { buildBundle, type BundleDeps } from '../core/bundle/build-bundle.js';
import { nodeBundleDeps } from '../core/bundle/node-bundle-deps.js';
import type { ConnectorDeps } from '../core/connector/run-connector.js';
import { HelperError } from '../core/errors.js';
import type { ApiImplementation, BundleInput } from '../contract/api-contract.js';
import type { BundleBuilt } from '../contract/api-values.js';
import type { AppContext } from './app-context.js';
import { configPathOf } from './config-api.js';

export interface RouteApiDeps {
  /** DNS, fetch and TLS probes (default: the real ones). */
  connector?: ConnectorDeps;
  bundle?: BundleDeps;
}

const scopeList = (scopes: string | undefined): string[] | undefined => {
  const list = scopes?.split(/\s+/).filter(Boolean);
  return list?.length ? list : undefined;
};

/** The bundle's file name: the server's host, so bundles for two IAMs do not overwrite each other. */
export function bundleFileName(url: string): string {
  let host = 'server';
  try { host = new URL(url).hostname.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'server'; } catch { /* buildBundle names the bad URL */ }
  return `hanzo-iam-${host}.mcpb`;
}

async function bundleFolder(ctx: AppContext, folder: string | undefined): Promise<string> {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  if (folder?.trim()) {
    if (!p.isAbsolute(folder.trim())) throw new HelperError('BUNDLE_FOLDER_NOT_ABSOLUTE', `The folder "${folder}" is not a full path. Enter a full path (starting with ${ctx.platform === 'win32' ? 'a drive letter' : '/'}), or leave it empty to save the bundle next to Claude Desktop's config file.`);
    return folder.trim();
  }
  return p.dirname((await configPathOf(ctx)).chosen);
}

export function routeApi(ctx: AppContext, deps: RouteApiDeps = {}): Pick<ApiImplementation, 'routeTable' | 'connectorChecks' | 'buildBundle'> {
  const connectorDeps = (): ConnectorDeps => deps.connector ?? nodeConnectorDeps({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir });
  return {
    routeTable: async (input) => {
      const scopes = scopeList(input.scopes);
      const t = await routeTable({ url: input.url, ...(input.clientId?.trim() ? { clientId: input.clientId.trim() } : {}), ...(scopes ? { scopes } : {}), timeoutMs: input.timeoutMs ?? 10_000 }, connectorDeps());
      return { url: t.url, ...(t.clientId ? { clientId: t.clientId } : {}), routes: t.routes, ...(t.recommended ? { recommended: t.recommended } : {}), recommendation: t.recommendation, checks: t.checks };
    },
    connectorChecks: async (input) => {
      const scopes = scopeList(input.scopes);
      const r = await connectorChecks({ url: input.url, ...(input.clientId?.trim() ? { clientId: input.clientId.trim() } : {}), ...(scopes ? { scopes } : {}), ...(input.name ? { name: input.name } : {}), timeoutMs: input.timeoutMs ?? 10_000 }, connectorDeps());
      return { instructions: r.instructions, checks: r.checks, summary: r.summary, durationMs: r.durationMs };
    },
    buildBundle: async (input: BundleInput): Promise<BundleBuilt> => {
      const folder = await bundleFolder(ctx, input.folder);
      const fileName = bundleFileName(input.url);
      const outputPath = (ctx.platform === 'win32' ? path.win32 : path.posix).join(folder, fileName);
      const r = await buildBundle({
        url: input.url, clientId: input.clientId, outputPath,
        ...(input.scopes?.trim() ? { scopes: input.scopes.trim() } : {}),
        ...(input.callbackPort ? { callbackPort: input.callbackPort } : {}),
        ...(input.allowHttp ? { allowHttp: true } : {}),
      }, deps.bundle ?? nodeBundleDeps(ctx.tmpdir));
      return { path: r.outputPath, fileName, folder, size: r.size, mcpRemoteVersion: r.mcpRemoteVersion, callbackPort: r.callbackPort, redirectUris: r.redirectUris, warnings: r.warnings };
    },
  };
}
