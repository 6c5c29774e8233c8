/**
 * What crosses the IPC boundary (docs/architecture.md, Conventions 2): only `message` survives a thrown error there, so
 * handlers return a Result. No node imports in main/contract.
 */
export interface ErrorInfo {
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (error: ErrorInfo): Result<never> => ({ ok: false, error });
