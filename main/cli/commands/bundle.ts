import os from 'node:os';
import path from 'node:path';
import { intOption, printJson, stringOption, type Command } from '../command.js';
import { usageOnBadEntryAsync } from '../entry-errors.js';
import { DEFAULT_SCOPES } from '../../core/config/entry-builder.js';
import { buildBundle } from '../../core/bundle/build-bundle.js';
import { nodeBundleDeps } from '../../core/bundle/node-bundle-deps.js';

const help = `Usage: iam-mcp-helper bundle --url <mcp-url> --client-id <id> [--scopes "<list>"] [--callback-port <n>]
       [--allow-http] [-o iam.mcpb] [--json]

Builds a Claude Desktop extension (.mcpb) for this IAM: double-click it (or Settings → Extensions →
Install Extension) and Claude Desktop runs it with its own built-in Node. The bundle ships the
pinned mcp-remote and its dependencies inside it (no npx, nothing downloaded at run time), asks
for the Client ID and scopes in the extension's settings (prefilled with the values given here),
and uses the same callback as \`setup\` (register the printed redirect URI on the application).

  --scopes "<list>"     space-separated (default "${DEFAULT_SCOPES}")
  --callback-port <n>   fixed OAuth callback port (default: as setup, stable per URL)
  -o, --output <file>   where to write the bundle (default iam.mcpb)
  --json                one JSON document: {outputPath, size, mcpRemoteVersion, packages, callbackPort, redirectUris, manifest}

Exit: 0 written, 1 failed, 2 bad usage.`;

export const command: Command = {
  name: 'bundle', summary: 'Build a Claude Desktop extension (.mcpb) that ships mcp-remote inside', help,
  options: {
    url: { type: 'string' }, 'client-id': { type: 'string' }, scopes: { type: 'string' }, 'callback-port': { type: 'string' },
    'allow-http': { type: 'boolean' }, output: { type: 'string', short: 'o' },
  },
  async run({ values, io }) {
    const url = stringOption(values, 'url', true);
    const clientId = stringOption(values, 'client-id', true);
    const scopes = stringOption(values, 'scopes');
    const callbackPort = intOption(values, 'callback-port', 1, 65535);
    const outputPath = path.resolve(io.cwd, stringOption(values, 'output') ?? 'iam.mcpb');
    // Invalid --url/--client-id/--scopes/--callback-port are bad usage, as in setup.
    const result = await usageOnBadEntryAsync(() => buildBundle({ url, clientId, ...(scopes ? { scopes } : {}), ...(callbackPort ? { callbackPort } : {}), ...(values['allow-http'] ? { allowHttp: true } : {}), outputPath },
      nodeBundleDeps(os.tmpdir())));
    if (values.json === true) { printJson(io, result); return 0; }
    const mib = (result.size / 1024 / 1024).toFixed(2);
    io.stdout([
      `Wrote ${result.outputPath} (${mib} MiB: mcp-remote ${result.mcpRemoteVersion} and ${result.packages - 1} dependencies inside)`,
      ...result.warnings.map((w) => `Warning: ${w}`),
      '', 'Register this redirect URI on the IAM application:', ...result.redirectUris.map((u) => `  ${u}`),
      '', 'Install: double-click the file, or Claude Desktop → Settings → Extensions → Install Extension.', '',
    ].join('\n'));
    return 0;
  },
};
