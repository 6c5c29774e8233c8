/** Which OS the page runs on, for the restart instructions (the helper runs on the same machine). */
export function osOf(userAgent: string): 'mac' | 'windows' | 'linux' {
  if (/Mac|iPhone|iPad/.test(userAgent)) return 'mac';
  if (/Windows/.test(userAgent)) return 'windows';
  return 'linux';
}

const QUIT: Record<ReturnType<typeof osOf>, string> = {
  mac: 'Choose Claude → Quit Claude in the menu bar (or press ⌘Q). Closing the window is not enough: Claude keeps running.',
  windows: 'Right-click the Claude icon in the notification area (bottom right, near the clock) and choose Quit. Closing the window is not enough: Claude keeps running in the background.',
  linux: 'Quit Claude from its menu (File → Quit) or its tray icon; closing the window may leave it running.',
};

/** Step 6: restart Claude Desktop so it reads the config, and what to ask first. */
export function DoneStep() {
  const os = osOf(navigator.userAgent);
  return (
    <>
      <ol className="instructions">
        <li><strong>Quit Claude Desktop completely.</strong> {QUIT[os]}</li>
        <li><strong>Open Claude Desktop again.</strong> It reads the config only when it starts. The first time, your browser opens the IAM's sign-in page once for the bridge.</li>
        <li><strong>Ask Claude:</strong> <q>List all applications in my IAM.</q> Claude should call <code>get_applications</code> and show them.</li>
      </ol>
      <p>If Claude shows “Unable to connect to MCP server” or the tools are missing, open <a href="#/troubleshoot">Troubleshoot</a>: it checks the entry, the bridge and Claude's logs.</p>
    </>
  );
}
