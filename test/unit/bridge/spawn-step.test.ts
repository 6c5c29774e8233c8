import { describe, expect, it } from 'vitest';
import { spawnStep } from '../../../main/core/mcp/bridge-steps.js';
import type { CommandLocation } from '../../../main/core/mcp/bridge-path.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('bridge.spawn evidence', () => {
  it('does not carry a --header bearer token or a client secret from the entry args', () => {
    const entry = { command: 'npx', args: ['-y', 'mcp-remote@0.15.1', 'https://iam.example.com/api/mcp', '--header', `Authorization: Bearer ${token}`,
      '--static-oauth-client-info', '{"client_id":"abc","client_secret":"s3cr3t-value-42"}'] };
    const where: CommandLocation = { command: 'npx', guiPath: '/usr/bin', inGui: '/usr/bin/npx' };
    const step = spawnStep({ pid: 1, entry, cwd: '/tmp', configDir: '/tmp/x', hook: false, where });
    const text = JSON.stringify(step);
    expect(text).not.toContain(token.slice(8));
    expect(text).not.toContain('s3cr3t-value-42');
    expect(step.evidence.args).toContain('https://iam.example.com/api/mcp');
  });
});
