/**
 * The one path every API call takes after its door's transport and security checks: validate
 * the arguments with the contract's zod schema, run the implementation, answer a Result. A
 * thrown error becomes `{ ok: false, error: { code, message, detail } }`; nothing else (no stack)
 * crosses a door.
 */
import { parseArgs, type ApiImplementation } from '../contract/api-contract.js';
import type { ApiMethod } from '../contract/api-methods.js';
import type { Result } from '../contract/result.js';
import { HelperError } from '../core/errors.js';
import { redactText } from '../core/http/redact.js';

export interface Dispatched {
  /** True when the arguments did not match the contract (nothing ran). */
  invalid: boolean;
  result: Result<unknown>;
}

export function errorResult(error: unknown): Result<never> {
  if (error instanceof HelperError) {
    return { ok: false, error: { code: error.code, message: redactText(error.message), ...(error.detail ? { detail: JSON.parse(redactText(JSON.stringify(error.detail))) as Record<string, unknown> } : {}) } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'INTERNAL', message: `Something went wrong inside the helper: ${redactText(message)}. Try again; if it keeps failing, run \`iam-mcp-helper doctor\` and include its report.` } };
}

export async function dispatch(impl: ApiImplementation, method: ApiMethod, rawArgs: unknown): Promise<Dispatched> {
  const parsed = parseArgs(method, rawArgs);
  if (!parsed.ok) return { invalid: true, result: { ok: false, error: { code: 'INVALID_ARGUMENTS', message: parsed.message, detail: { issues: parsed.issues } } } };
  try {
    const run = impl[method] as (...args: unknown[]) => Promise<unknown>;
    return { invalid: false, result: { ok: true, value: await run(...(parsed.args as unknown[])) } };
  } catch (error) {
    return { invalid: false, result: errorResult(error) };
  }
}
