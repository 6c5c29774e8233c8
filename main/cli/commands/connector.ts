import { intOption, printJson, stringOption, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { connectorChecks } from '../../core/connector/run-connector.js';
import { nodeConnectorDeps } from '../../core/connector/node-connector-deps.js';
import { checkLines, validUrl } from './check-lines.js';

const help = `Usage: iam-mcp-helper connector --url <mcp-url> [--client-id <id>] [--name <label>] [--timeout <ms>] [--json]

Claude's custom connector (Settings → Connectors → Add custom connector): prints exactly what to
paste into each field and checks this IAM from the connector's side. Claude connects from
Anthropic's cloud, so the checks ask: every host public (connector.public-host), https with a
certificate the public roots trust (connector.public-tls), the metadata's resource equal to the URL
(connector.resource-match), S256 (connector.pkce-s256), a client for Claude (connector.registration)
and both Claude callbacks registered on the application (connector.callback-registered).

  --json   one JSON document: {version:1, instructions, checks, summary, durationMs}

Exit: 0 nothing failed, 1 a check failed, 2 bad usage.`;

export const command: Command = {
  name: 'connector', summary: 'What to paste into Claude\'s custom connector, and whether it can work', help,
  options: { url: { type: 'string' }, 'client-id': { type: 'string' }, name: { type: 'string' }, timeout: { type: 'string' } },
  async run({ values, io }) {
    const url = stringOption(values, 'url', true);
    if (!validUrl(url)) throw new UsageError(`--url "${url}" is not a URL`);
    const clientId = stringOption(values, 'client-id');
    const name = stringOption(values, 'name');
    const timeoutMs = intOption(values, 'timeout', 100, 120_000);
    const json = values.json === true;
    const report = await connectorChecks({ url, ...(clientId ? { clientId } : {}), ...(name ? { name } : {}), ...(timeoutMs ? { timeoutMs } : {}) },
      nodeConnectorDeps({ env: io.env, platform: io.platform, homedir: io.homedir }), { signal: io.signal });
    if (json) { printJson(io, report); return report.summary.fail > 0 ? 1 : 0; }
    const i = report.instructions;
    const lines = [`In ${i.where}:`, ''];
    for (const f of i.fields) lines.push(`  ${f.field.padEnd(40)} ${f.value || '(empty)'}${f.note ? `   (${f.note})` : ''}`);
    if (i.registerRedirectUris.length) lines.push('', 'On the application in IAM, the Redirect URIs must include:', ...i.registerRedirectUris.map((u) => `  ${u}`));
    lines.push('', 'Checks (from the connector\'s side: Anthropic\'s cloud):', '');
    io.stdout(`${lines.join('\n')}\n${checkLines(report.checks)}\n${report.summary.fail ? `${report.summary.fail} check(s) failed: the connector cannot work until they are fixed (see \`iam-mcp-helper routes\` for the other ways).` : 'Nothing failed: add the connector in Claude and sign in.'}\n`);
    return report.summary.fail > 0 ? 1 : 0;
  },
};
