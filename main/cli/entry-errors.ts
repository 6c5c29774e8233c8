/**
 * An entry the builder refuses (core/config/entry-builder.ts, codes ENTRY_*) is bad usage (exit 2).
 * The builder's words name the value; the CLI adds the flag that sets it.
 */
import { HelperError, UsageError } from '../core/errors.js';

const FLAG_HINTS: Record<string, string> = {
  ENTRY_URL_INVALID: ' (--url)',
  ENTRY_URL_INSECURE: ' (--url; pass --allow-http if you really mean it)',
  ENTRY_SCOPES_INVALID: ' (--scopes)',
  ENTRY_CLIENT_ID_EMPTY: ' (--client-id)',
  ENTRY_CLIENT_ID_INVALID: ' (--client-id)',
  ENTRY_PORT_INVALID: ' (--callback-port)',
};

function asUsage(error: unknown): unknown {
  return error instanceof HelperError && error.code.startsWith('ENTRY_') ? new UsageError(`${error.message}${FLAG_HINTS[error.code] ?? ''}`, { reason: error.code }) : error;
}

export function usageOnBadEntry<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw asUsage(error);
  }
}

export async function usageOnBadEntryAsync<T>(build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    throw asUsage(error);
  }
}
