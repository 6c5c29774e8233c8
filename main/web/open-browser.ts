/**
 * Opens a URL in the user's default browser for door 2: `$BROWSER` when set (the convention
 * Python's webbrowser and xdg-utils follow: a command, `%s` replaced by the URL or the URL
 * appended), else the `open` package (xdg-open, `open`, `start`). Never waits for the browser.
 */
import { spawn } from 'node:child_process';

export type UrlOpener = (url: string) => Promise<void>;

export function defaultOpener(env: NodeJS.ProcessEnv): UrlOpener {
  return async (url) => {
    const browser = env.BROWSER?.split(':')[0]?.trim();
    if (browser) {
      const parts = browser.split(/\s+/);
      const args = parts.slice(1);
      const withUrl = args.some((a) => a.includes('%s')) ? args.map((a) => a.replace('%s', url)) : [...args, url];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(parts[0] ?? browser, withUrl, { stdio: 'ignore', detached: true, env });
        child.once('error', reject);
        child.once('spawn', () => { child.unref(); resolve(); });
      });
      return;
    }
    const { default: open } = await import('open');
    const child = await open(url);
    child.unref();
  };
}
