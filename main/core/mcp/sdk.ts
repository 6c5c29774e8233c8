/**
 * The MCP SDK's client pieces, loaded once on first use: they are most of a doctor run's start-up
 * cost and only runs that talk MCP need them (runDoctor starts loading early to overlap the
 * network checks).
 */
export interface McpSdk {
  Client: typeof import('@modelcontextprotocol/sdk/client/index.js').Client;
  StreamableHTTPClientTransport: typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js').StreamableHTTPClientTransport;
  SSEClientTransport: typeof import('@modelcontextprotocol/sdk/client/sse.js').SSEClientTransport;
  AjvJsonSchemaValidator: typeof import('@modelcontextprotocol/sdk/validation/ajv').AjvJsonSchemaValidator;
}

let sdk: Promise<McpSdk> | undefined;

export function loadMcpSdk(): Promise<McpSdk> {
  sdk ??= Promise.all([import('@modelcontextprotocol/sdk/client/index.js'), import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/client/sse.js'), import('@modelcontextprotocol/sdk/validation/ajv')])
    .then(([a, b, c, d]) => ({ Client: a.Client, StreamableHTTPClientTransport: b.StreamableHTTPClientTransport, SSEClientTransport: c.SSEClientTransport,
      AjvJsonSchemaValidator: d.AjvJsonSchemaValidator }));
  return sdk;
}
