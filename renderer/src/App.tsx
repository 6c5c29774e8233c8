/** The desktop window's root. The setup and troubleshooting wizards are the next capability. */
export function App() {
  return (
    <main>
      <h1>IAM MCP Helper</h1>
      <p>Connect Claude Desktop to Hanzo IAM&apos;s MCP server. Until the wizards land, use the CLI: <code>npx iam-mcp-helper --help</code>.</p>
    </main>
  );
}
