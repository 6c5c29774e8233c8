/**
 * `npm run --silent iam-login -- <authorization-url> [--user U --password P] [--timeout ms]`:
 * usable as a `--browser-command`. Exit 0 once the browser reached the redirect URI (stdout stays
 * empty), 1 on an error page or timeout (message on stderr), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { loginWithChromium } from './chromium-login.js';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { user: { type: 'string' }, password: { type: 'string' }, timeout: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`iam-login: ${(err as Error).message}\n`);
    return 2;
  }
  const url = parsed.positionals[0];
  const timeoutMs = parsed.values.timeout === undefined ? undefined : Number(parsed.values.timeout);
  if (!url || parsed.positionals.length > 1 || (timeoutMs !== undefined && !(timeoutMs > 0))) {
    process.stderr.write('usage: iam-login <authorization-url> [--user U --password P] [--timeout ms]\n');
    return 2;
  }
  // A signal ends the login through its normal cleanup (browser closed, profile removed).
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort(new Error(`interrupted by ${sig}`)));
  try {
    await loginWithChromium(url, { username: parsed.values.user, password: parsed.values.password, timeoutMs, signal: controller.signal });
    process.stderr.write('iam-login: reached the redirect URI\n');
    return 0;
  } catch (err) {
    process.stderr.write(`iam-login: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
