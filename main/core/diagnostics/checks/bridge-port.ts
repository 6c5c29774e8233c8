/**
 * bridge.callback-port: mcp-remote listens on the entry's pinned callback port for the sign-in
 * redirect; if another process holds it, the sign-in cannot finish (mcp-remote: EADDRINUSE).
 * A leftover mcp-remote is named with its pid and command line (stopping it is the fix action
 * `bridge.stop-stale`, which asks first and kills by pid only); anything else is named, and a
 * free port is suggested with the config diff that `setup --callback-port` would make.
 */
import { defaultCallbackPort } from '../../config/entry-builder.js';
import { lineDiff } from '../../config/diff.js';
import { setServerEntry } from '../../config/edit.js';
import { BRIDGE_CALLBACK_HOST, bridgeRedirectUri } from '../../mcp-remote-facts.js';
import { findPortHolder, isMcpRemote, isOrphan, suggestPort } from '../../bridge-tools/port-holder.js';
import type { CheckContext, CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';

const na = (key: string): Outcome => ({ status: 'skip', notApplicable: true, evidence: {}, ...say(key) });

/** The config diff of moving the entry's pinned port to `port` (no write), when the entry pins one. */
async function portDiff(ctx: CheckContext, from: number, to: number): Promise<string | undefined> {
  const { config, entry, name } = ctx.options.target;
  if (!config?.path || !entry?.callback?.portPinned) return undefined;
  try {
    const text = (await ctx.deps.fs.readFile(config.path)).toString('utf8');
    const raw = (JSON.parse(text) as { mcpServers?: Record<string, { args?: unknown[] }> }).mcpServers?.[name];
    if (!raw || !Array.isArray(raw.args)) return undefined;
    const url = entry.url;
    const i = raw.args.findIndex((a, k) => a === String(from) && (k === 0 || raw.args![k - 1] === url));
    if (i < 0) return undefined;
    const args = [...raw.args]; args[i] = String(to);
    return lineDiff(text, setServerEntry(text, name, { ...raw, args }, config.path).text, [config.path, config.path]);
  } catch { return undefined; }
}

export const bridgePortCheck: CheckDef = {
  id: 'bridge.callback-port', area: 'bridge', title: 'The bridge\'s callback port is free', needs: ['config.entry-present'],
  async run(ctx): Promise<Outcome> {
    const { entry, mcpUrl } = ctx.options.target;
    const probe = ctx.deps.portProbe;
    if (!probe) return na('bridge-port-no-probe');
    if (entry && (!entry.isMcpRemote || !entry.callback)) return na('callback-not-mcp-remote');
    const port = entry?.callback?.port ?? (mcpUrl ? defaultCallbackPort(mcpUrl) : undefined);
    if (port === undefined) return na('bridge-port-none');
    const host = entry?.callback?.host === 'localhost' ? '127.0.0.1' : entry?.callback?.host ?? BRIDGE_CALLBACK_HOST;
    const evidence: Record<string, unknown> = { port, host, pinned: entry?.callback?.portPinned ?? true };
    if (await probe.canListen(host, port)) return { status: 'pass', evidence: { ...evidence, free: true } };
    const found = await findPortHolder(probe, port);
    if ('holder' in found && isMcpRemote(found.holder.cmdline)) {
      const h = found.holder;
      Object.assign(evidence, { holder: h, orphan: isOrphan(h) });
      const words = say('bridge-port-stale', { port, pid: h.pid, cmd: h.cmdline });
      // A bridge whose parent is alive may be the one Claude Desktop runs right now.
      if (!isOrphan(h) && h.ppid !== undefined) return { status: 'warn', evidence, ...words, cause: `${words.cause} Its parent (pid ${h.ppid}: ${h.parentCmdline}) still runs: it may be Claude Desktop's current bridge.` };
      return { status: 'fail', evidence, ...words };
    }
    const suggested = await suggestPort(probe, port);
    const uri = suggested ? bridgeRedirectUri(suggested) : undefined;
    const diff = suggested ? await portDiff(ctx, port, suggested) : undefined;
    Object.assign(evidence, { suggestedPort: suggested, registerRedirectUri: uri, ...(diff ? { setupDiff: diff } : {}) });
    if ('holder' in found) {
      evidence.holder = found.holder;
      return { status: 'fail', evidence, ...say('bridge-port-other', { port, holder: `pid ${found.holder.pid} (${found.holder.cmdline})`, suggested, uri }) };
    }
    return { status: 'fail', evidence: { ...evidence, why: found.unknown }, ...say('bridge-port-unknown-holder', { port, why: found.unknown, suggested, uri }) };
  },
};
