/**
 * The one way tests reach a browser: Debian's Chromium through playwright-core (never a
 * downloaded one). A test file that needs it starts with `beforeAll(requireChromium)`, so a machine
 * without Chromium fails that file with one line saying what to install, the same in every file.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless, quiet, offline-by-default browser (no sync, updates or QUIC). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/** The one-line reason Chromium cannot be used, or undefined when it is there. */
export function chromiumMissing(path = CHROMIUM_PATH): string | undefined {
  if (existsSync(path)) return undefined;
  return `Chromium is not installed at ${path}: these tests drive a real browser; install Debian's chromium package (apt-get install chromium), then run them again.`;
}

/**
 * For `beforeAll(requireChromium)`: throws ChromiumMissingError when Chromium is missing. Takes
 * no parameter (vitest reads a hook's first parameter as a fixture list).
 */
export function requireChromium(): void {
  assertChromium(CHROMIUM_PATH);
}

/** Throws ChromiumMissingError (message only, no stack) when nothing is at `path`. */
export function assertChromium(path: string): void {
  const missing = chromiumMissing(path);
  if (missing === undefined) return;
  const error = new ChromiumMissingError(missing);
  error.stack = `${error.name}: ${missing}`;
  throw error;
}
