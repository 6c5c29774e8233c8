import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import { redactEvidence } from '../core/http/redact.js';

/** Streams and environment a command runs with; injected so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform: NodeJS.Platform;
  homedir: string;
  /** Aborted on SIGINT/SIGTERM so long commands stop cleanly. */
  signal: AbortSignal;
  /** Reads standard input to its end (`--token -`); absent when there is none to read. */
  readStdin?: () => Promise<string>;
  /** stderr is a terminal: progress may be drawn in place there (else only results are printed). */
  stderrIsTTY?: boolean;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Exit code of a run cancelled by SIGINT/SIGTERM (128 + SIGINT, as a shell reports Ctrl-C). */
export const EXIT_CANCELLED = 130;

/**
 * One `iam-mcp-helper <name>` command. Contract: exit 0 on success, 1 on a failed operation,
 * 2 on bad usage (throw UsageError), 130 when cancelled; with `--json`, stdout carries exactly one
 * JSON document (`cancelled: true` at its top level after a cancel).
 */
export interface Command {
  name: string;
  summary: string;
  /** Full help text printed by `--help` (usage line first). */
  help: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  run(args: { values: ParsedValues; positionals: string[]; io: CliIo }): Promise<number>;
}

export const commonOptions: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};

export function parseCommandArgs(command: Command, argv: string[]): { values: ParsedValues; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...commonOptions, ...command.options },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(`${command.name}: ${(error as Error).message}`);
  }
}

/** Reads a string option, throwing UsageError when required and missing. */
export function stringOption(values: ParsedValues, name: string, required: true): string;
export function stringOption(values: ParsedValues, name: string, required?: false): string | undefined;
export function stringOption(values: ParsedValues, name: string, required = false): string | undefined {
  const value = values[name];
  if (value === undefined || value === '') {
    if (required) throw new UsageError(`missing --${name}`);
    return undefined;
  }
  if (typeof value !== 'string') throw new UsageError(`--${name} takes a value`);
  return value;
}

/** Reads an integer option within [min, max]. */
export function intOption(values: ParsedValues, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * `--login-timeout <ms>`: the limit on waiting for a person to sign in, the same in every command
 * (`--timeout` is the limit on each network request). `--callback-timeout`, its old name in
 * `verify`, is still read.
 */
export function loginTimeoutOption(values: ParsedValues): number | undefined {
  return intOption(values, 'login-timeout', 1000, 3_600_000) ?? (values['callback-timeout'] !== undefined ? intOption(values, 'callback-timeout', 1000, 3_600_000) : undefined);
}

/** The `--json` door: one document, through the redaction rules like every other output. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(redactEvidence(value), null, 2)}\n`);
}
