import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intOption, stringOption, type Command } from '../command.js';
import { HelperError, UsageError } from '../../core/errors.js';
import { configContext } from './config-context.js';

const help = `Usage: iam-mcp-helper ui [--no-open] [--port <n>] [--config <path>] [--browser-command <cmd>]
       [--url <mcp-url> --client-id <id>]

Opens the app in your default browser, served from this computer only (127.0.0.1). Prints the
link; each link opens the app once (run the command again for a new one). Ctrl-C stops it.

  --no-open                 print the link, do not open a browser
  --port <n>                listen on this port (default: any free port)
  --config <path>           work on this config file instead of Claude Desktop's
  --browser-command <cmd>   run "<cmd> <url>" to show sign-in pages instead of the default browser
  --url, --client-id        prefill the setup page with this instance`;

/** The built renderer: renderer/dist in the package, found from this file upwards. */
export function rendererDist(from = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'renderer', 'dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) throw new HelperError('UI_NOT_BUILT', 'The app\'s pages are not built; run `npm run build` in the project folder, then try again.');
  }
}

export const command: Command = {
  name: 'ui',
  summary: 'Open the app in your browser (served on 127.0.0.1 only)',
  help,
  options: {
    'no-open': { type: 'boolean' }, port: { type: 'string' }, config: { type: 'string' }, 'browser-command': { type: 'string' },
    url: { type: 'string' }, 'client-id': { type: 'string' },
  },
  async run({ values, io }) {
    const port = intOption(values, 'port', 1, 65535);
    const url = stringOption(values, 'url');
    const clientId = stringOption(values, 'client-id');
    if ((url === undefined) !== (clientId === undefined)) throw new UsageError('--url and --client-id go together');
    const { launchUi } = await import('../../web/launch.js');
    const config = stringOption(values, 'config');
    const ui = await launchUi({
      ...configContext(io), cwd: io.cwd, tmpdir: os.tmpdir(),
      ...(config ? { configOverride: path.resolve(io.cwd, config) } : {}),
      ...(stringOption(values, 'browser-command') ? { browserCommand: stringOption(values, 'browser-command') } : {}),
      ...(url && clientId ? { prefill: { url, clientId, scopes: '' } } : {}),
      staticDir: rendererDist(), ...(port ? { port } : {}),
    });
    io.stdout(`UI: ${ui.launchUrl}\n`);
    io.stdout('This link opens the app once. Press Ctrl-C to stop.\n');
    if (values['no-open'] !== true) {
      await ui.openInBrowser().catch(() => io.stderr('iam-mcp-helper: could not open a browser; open the link above yourself.\n'));
    }
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await ui.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};
