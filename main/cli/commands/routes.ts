import { intOption, printJson, stringOption, type Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { renderRouteTable, routeTable } from '../../core/routes/route-table.js';
import { nodeConnectorDeps } from '../../core/connector/node-connector-deps.js';
import { validUrl } from './check-lines.js';

const help = `Usage: iam-mcp-helper routes --url <mcp-url> [--client-id <id>] [--scopes "<s1 s2>"] [--timeout <ms>] [--json]

Which of Claude Desktop's three ways to this IAM can work, why not, and the one to take:
  connector  Claude's custom connector (connects from Anthropic's cloud: needs a public IAM)
  bundle     an extension bundle (.mcpb, \`iam-mcp-helper bundle\`) running on Claude's built-in Node
  bridge     the config entry running mcp-remote through npx (\`iam-mcp-helper setup\`)

  --json   one JSON document: {version:1, url, clientId?, routes:[{route, title, works, reason, fix?, decidedBy?}],
           recommended?, recommendation, checks}

Exit: 0 when at least one route works, 1 when none does, 2 bad usage.`;

export const command: Command = {
  name: 'routes', summary: 'Which way to connect Claude to this IAM can work, and which to take', help,
  options: { url: { type: 'string' }, 'client-id': { type: 'string' }, scopes: { type: 'string' }, timeout: { type: 'string' } },
  async run({ values, io }) {
    const url = stringOption(values, 'url', true);
    if (!validUrl(url)) throw new UsageError(`--url "${url}" is not a URL`);
    const clientId = stringOption(values, 'client-id');
    const scopes = stringOption(values, 'scopes')?.split(/\s+/).filter(Boolean);
    const timeoutMs = intOption(values, 'timeout', 100, 120_000);
    const table = await routeTable({ url, ...(clientId ? { clientId } : {}), ...(scopes ? { scopes } : {}), ...(timeoutMs ? { timeoutMs } : {}) },
      nodeConnectorDeps({ env: io.env, platform: io.platform, homedir: io.homedir }), { signal: io.signal });
    if (values.json === true) printJson(io, table);
    else io.stdout(renderRouteTable(table));
    return table.routes.some((r) => r.works === 'yes') ? 0 : 1;
  },
};
