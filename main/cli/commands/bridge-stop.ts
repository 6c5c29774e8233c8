import { createInterface } from 'node:readline/promises';
import { intOption, printJson, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { stopStaleBridge } from '../../core/bridge-tools/stop-stale.js';
import { nodePortProbe } from '../../core/bridge-tools/port-probe-node.js';

const help = `Usage: iam-mcp-helper bridge-stop --port <callback-port> [--pid <pid>] [--yes] [--json]

Stops a leftover mcp-remote that holds the bridge's callback port (the fix of bridge.callback-port).
Looks the holder up again, refuses anything that is not mcp-remote (or, with --pid, not that pid),
asks before stopping it (--yes answers for you) and signals that one process only (SIGTERM).

Exit: 0 stopped (or nothing to stop), 1 not stopped, 2 bad usage.`;

export const command: Command = {
  name: 'bridge-stop', summary: 'Stop a leftover mcp-remote that holds the callback port (asks first)', help,
  options: { port: { type: 'string' }, pid: { type: 'string' }, yes: { type: 'boolean' } },
  async run({ values, io }) {
    const port = intOption(values, 'port', 1, 65535);
    if (port === undefined) throw new UsageError('missing --port');
    const pid = intOption(values, 'pid', 1, 2 ** 31);
    const confirm = async (question: string): Promise<boolean> => {
      if (values.yes === true) return true;
      if (!process.stdin.isTTY) throw new UsageError('not a terminal to ask in: pass --yes to stop it without asking');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try { return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim()); } finally { rl.close(); }
    };
    const result = await stopStaleBridge(port, pid, { probe: nodePortProbe(io.platform), confirm, kill: (p, s) => process.kill(p, s) });
    if (values.json === true) printJson(io, result);
    else io.stdout(result.outcome === 'stopped' ? `Stopped pid ${result.pid} (${result.cmdline}). Restart Claude Desktop.\n` : `Not stopped: ${result.detail}.\n`);
    return result.outcome === 'stopped' || result.outcome === 'not-held' ? 0 : 1;
  },
};
