import os from 'node:os';
import { commands } from './commands/index.js';
import { EXIT_CANCELLED, parseCommandArgs, type CliIo } from './command.js';
import { describeError, HelperError, UsageError } from '../core/errors.js';
import { maskSecretPatterns } from '../core/http/redact.js';

const VERSION = '0.1.0';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: iam-mcp-helper <command> [options]',
    '',
    'Connects Claude Desktop to Hanzo IAM\'s MCP server, proves the connection works,',
    'and explains what is wrong when it does not.',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --help and --json. Exit codes: 0 success, 1 failed operation, 2 bad usage,',
    '130 cancelled (Ctrl-C).',
    '',
  ].join('\n');
}

export function defaultIo(signal: AbortSignal): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    homedir: os.homedir(),
    signal,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort(new HelperError('ABORTED', 'interrupted'));
  if (!io) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  const theIo = io ?? defaultIo(controller.signal);
  try {
    const [name, ...rest] = argv;
    if (name === 'help' && rest[0] !== undefined) return await main([rest[0], '--help'], theIo);
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      theIo.stdout(topHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      theIo.stdout(`${VERSION}\n`);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) throw new UsageError(`unknown command "${name}" (see iam-mcp-helper --help)`);
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      theIo.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
      return 0;
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    return await command.run({ values, positionals, io: theIo });
  } catch (error) {
    if (theIo.signal.aborted) {
      theIo.stderr('iam-mcp-helper: cancelled\n');
      return EXIT_CANCELLED;
    }
    theIo.stderr(`iam-mcp-helper: ${maskSecretPatterns(describeError(error))}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    if (!io) {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  }
}
