/**
 * bridge.node-version: the Node.js that runs the bridge when Claude Desktop starts the entry must
 * satisfy the pinned mcp-remote's requirements as installed (node-requirement.ts). npx and the
 * mcp-remote it installs start with `#!/usr/bin/env node`, so the node is the first one on the
 * PATH Claude gives the entry (the entry's env PATH when it sets one), as bridge-path.ts models it.
 */
import path from 'node:path';
import { locateCommand, resolveCommand, statPathPorts } from '../../mcp/bridge-path.js';
import { bridgeRequirements, describeNeeds, unmet } from '../../bridge-tools/node-requirement.js';
import type { CheckDef, Outcome } from '../types.js';
import { say } from '../words.js';

const na = (key: string, vars: Record<string, string> = {}): Outcome => ({ status: 'skip', notApplicable: true, evidence: {}, ...say(key, vars) });

export const bridgeNodeCheck: CheckDef = {
  id: 'bridge.node-version', area: 'bridge', title: 'Claude\'s Node.js is new enough for mcp-remote', needs: ['config.entry-present'],
  // Local work only (package.json reads, `node --version`): not bounded by the network --timeout.
  timeoutMs: 10_000,
  async run(ctx): Promise<Outcome> {
    const { entry } = ctx.options.target;
    const { platform, env, fs } = ctx.deps;
    if (entry && !entry.isMcpRemote) return na('callback-not-mcp-remote');
    const p = platform === 'win32' ? path.win32 : path.posix;
    const command = entry ? (entry.wrapped ? entry.args[1] ?? '' : entry.command) : 'npx';
    if (!/^(npx|node)(\.cmd|\.exe)?$/i.test(p.basename(command))) return na('bridge-node-not-node', { command });
    const ports = statPathPorts(fs, platform);
    const where = await locateCommand(command, platform, env, ports, undefined, { shell: entry?.wrapped ?? false });
    const linux = platform === 'linux';
    const resolved = linux ? where.inCurrent ?? where.inGui : where.inGui;
    if (!resolved) {
      const outcome = { status: 'fail' as const, evidence: { command, path: where.guiPath }, ...say('bridge-node-no-command', { command }) };
      return entry ? { ...outcome, status: 'skip', notApplicable: true } : outcome;
    }
    const searchPath = entry?.env.PATH ?? (linux && where.inCurrent ? env.PATH ?? '' : where.guiPath);
    const nodeName = platform === 'win32' ? 'node.exe' : 'node';
    const node = await resolveCommand('node', searchPath, platform, ports) ?? p.join(p.dirname(resolved), nodeName);
    let reqs;
    try { reqs = await bridgeRequirements(fs); } catch (error) {
      return { status: 'warn', evidence: { command: resolved, node }, ...say('bridge-requirements-unknown', { error: (error as Error).message }) };
    }
    const needs = describeNeeds(reqs.requirements);
    const evidence: Record<string, unknown> = { command: resolved, node, searchPath, mcpRemote: `${reqs.version} (${reqs.dir})`, requirements: reqs.requirements.slice(0, 4) };
    const version = await ctx.deps.nodeVersion(node);
    if (!version) return { status: 'warn', evidence, ...say('bridge-node-unknown', { node, needs }) };
    evidence.nodeVersion = version;
    const missing = unmet(version, reqs.requirements);
    if (missing.length) return { status: 'fail', evidence: { ...evidence, unmet: missing }, ...say('bridge-node-old', { command: resolved, version, node, needs: describeNeeds(missing) }) };
    return { status: 'pass', evidence };
  },
};
