/**
 * config.bridge-package: does the package the command runs exist on the npm registry? The guide's
 * `@modelcontextprotocol/server-oauth` does not (docs/iam-facts.md, guide error 1): a 404 is a
 * `fail`; a failed lookup is only a `warn` (the registry, not the entry, may be the problem).
 */
import { httpExchange } from '../../http/exchange.js';
import { MCP_REMOTE_PACKAGE } from '../../mcp-remote-facts.js';
import type { CheckDef } from '../types.js';
import { say } from '../words.js';

/** Registry document URL: scoped names keep `@` and encode the slash (npm registry API). */
export function registryDocUrl(registry: string, name: string): string {
  return `${registry.replace(/\/+$/, '')}/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

export const bridgePackageCheck: CheckDef = {
  id: 'config.bridge-package', area: 'config', title: 'The bridge package exists on npm', needs: ['config.entry-present'], network: true,
  async run(ctx, signal) {
    const entry = ctx.options.target.entry;
    if (!entry) return { status: 'skip', notApplicable: true, evidence: {}, ...say('no-entry') };
    if (!entry.packageName) return { status: 'warn', evidence: { command: entry.command }, ...say('no-bridge-package', { command: entry.command }) };
    const url = registryDocUrl(ctx.deps.registryUrl, entry.packageName);
    const ex = await httpExchange(ctx.deps.fetch, {
      url, headers: { accept: 'application/vnd.npm.install-v1+json' }, timeoutMs: ctx.timeoutMs, signal, maxBodyBytes: 4 * 1024 * 1024,
    });
    const evidence: Record<string, unknown> = { package: entry.packageName, version: entry.packageVersion, registry: ctx.deps.registryUrl, request: ex.request };
    if (ex.error || !ex.response) {
      return { status: 'warn', evidence: { ...evidence, error: ex.error }, ...say('package-lookup-failed', { pkg: entry.packageName, registry: ctx.deps.registryUrl, error: ex.error?.code }) };
    }
    evidence.status = ex.response.status;
    if (ex.response.status === 404) return { status: 'fail', evidence, ...say('package-missing', { pkg: entry.packageName }) };
    if (ex.response.status !== 200) {
      return { status: 'warn', evidence, ...say('package-lookup-failed', { pkg: entry.packageName, registry: ctx.deps.registryUrl, error: `HTTP ${ex.response.status}` }) };
    }
    let doc: { versions?: Record<string, unknown>; 'dist-tags'?: Record<string, string> } = {};
    try { doc = JSON.parse(ex.response.body) as typeof doc; } catch { /* truncated or odd: only the existence is known */ }
    const latest = doc['dist-tags']?.latest;
    evidence.latest = latest;
    const v = entry.packageVersion;
    if (v && /^\d+\.\d+\.\d+/.test(v) && doc.versions && !(v in doc.versions)) {
      return { status: 'fail', evidence, ...say('package-version-missing', { pkg: entry.packageName, version: v, latest }) };
    }
    if (entry.packageName !== MCP_REMOTE_PACKAGE) return { status: 'warn', evidence, ...say('package-not-bridge', { pkg: entry.packageName }) };
    return { status: 'pass', evidence };
  },
};
