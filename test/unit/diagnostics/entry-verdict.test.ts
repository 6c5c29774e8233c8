/**
 * readEntries' classes: an entry that talks to an IAM but cannot work is `broken` with a problem
 * sentence (the guide's package, its env vars, scope names and placeholders: docs/iam-facts.md);
 * the helper's own entry is `ours`; a server that has nothing to do with an IAM is `other`.
 */
import { describe, expect, it } from 'vitest';
import { summarizeEntry } from '../../../main/app/config-api.js';
import { buildIamEntry } from '../../../main/core/config/entry-builder.js';
import { GUIDE_BRIDGE_PACKAGE } from '../../../main/core/mcp-remote-facts.js';

const URL_ = 'https://iam.example.com/api/mcp';
const summary = (raw: unknown) => summarizeEntry('iam', raw, 'linux');

describe('summarizeEntry', () => {
  it("the guide's entry (nonexistent package, env vars, guide scope names) is broken and says why", () => {
    const s = summary({ command: 'npx', args: ['-y', GUIDE_BRIDGE_PACKAGE, URL_],
      env: { OAUTH_CLIENT_ID: 'abc123', OAUTH_SCOPES: 'read:application write:application openid profile email' } });
    expect(s.kind).toBe('broken');
    expect(s.problem).toContain(`"${GUIDE_BRIDGE_PACKAGE}", which does not exist`);
    expect(s.problem).toMatch(/guide's scope names read:application, write:application, which the server calls application:read, application:write/);
    expect(s).toMatchObject({ url: URL_, clientId: 'abc123', summary: `${GUIDE_BRIDGE_PACKAGE} to ${URL_}` });
  });

  it("placeholders left from the guide make an mcp-remote entry broken (<your-client-id>, YOUR_CLIENT_ID, your-iam.com)", () => {
    const angle = summary({ command: 'npx', args: ['-y', 'mcp-remote', URL_, '--static-oauth-client-info', '{"client_id":"<your-client-id>"}'] });
    expect(angle).toMatchObject({ kind: 'broken', problem: expect.stringContaining('placeholder "your-client-id"') });
    const host = summary({ command: 'npx', args: ['-y', 'mcp-remote', 'https://your-iam.com/api/mcp', '--static-oauth-client-info', '{"client_id":"YOUR_CLIENT_ID"}'] });
    expect(host.kind).toBe('broken');
    expect(host.problem).toMatch(/placeholders "your-iam.com", "YOUR_CLIENT_ID"/);
  });

  it('another package carrying the guide\'s env vars talks to an IAM but is not the bridge: broken', () => {
    const s = summary({ command: 'npx', args: ['-y', '@hanzo/mcp-oauth-bridge', URL_], env: { OAUTH_CLIENT_ID: 'abc123' } });
    expect(s).toMatchObject({ kind: 'broken', problem: expect.stringContaining('"@hanzo/mcp-oauth-bridge", not the mcp-remote bridge') });
  });

  it('mcp-remote with the client ID only in the env (which it ignores) is broken', () => {
    const s = summary({ command: 'npx', args: ['-y', 'mcp-remote', URL_], env: { OAUTH_CLIENT_ID: 'abc123', OAUTH_SCOPES: 'application:read' } });
    expect(s).toMatchObject({ kind: 'broken', problem: expect.stringMatching(/mcp-remote ignores OAUTH_CLIENT_ID and OAUTH_SCOPES/) });
  });

  it('the entry the helper writes is ours, with nothing to say; unrelated servers are other', () => {
    const built = buildIamEntry({ mcpUrl: URL_, clientId: 'abc123', platform: 'linux' });
    const ours = summary(built.entry);
    expect(ours).toMatchObject({ kind: 'ours', url: URL_, clientId: 'abc123', summary: `mcp-remote bridge to ${URL_}` });
    expect(ours.problem).toBeUndefined();
    expect(summary({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] }).kind).toBe('other');
    // mcp-remote to a server that registers clients itself: nothing says it is an IAM.
    expect(summary({ command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.example.org/sse'] }).kind).toBe('other');
    expect(summary({ args: [] })).toMatchObject({ kind: 'broken', problem: expect.stringContaining('no "command"') });
  });
});
