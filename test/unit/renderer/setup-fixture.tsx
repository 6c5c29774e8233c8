/** What the setup page tests share: an instance found by the probe, remembered settings, and a way to reach step n. */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { SetupPage } from '../../../renderer/src/pages/setup/SetupPage.js';
import { renderWith, type FakeClient } from './fake-client.js';

export const URL_ = 'https://iam.example.com/api/mcp';
export const found = { url: 'https://iam.example.com/', reachable: true, verdict: 'mcp-endpoint', message: 'The MCP endpoint is https://iam.example.com/api/mcp.', mcpEndpoint: URL_, generation: 'Casdoor-shaped IAM', authorizationServer: 'https://iam.example.com', issuer: 'https://iam.example.com', scopesSupported: ['openid', 'read'], durationMs: 5 };
export const remembered = { recentInstances: [{ url: URL_, clientId: 'abc', scopes: 'openid profile email application:read' }], lastPage: 'setup' };

export const user = () => userEvent.setup();
export const next = async (u: ReturnType<typeof user>) => u.click(screen.getByRole('button', { name: 'Next' }));

export async function toStep(fake: FakeClient, n: number) {
  renderWith(fake, <SetupPage />);
  await waitFor(() => expect((screen.getByLabelText('MCP server URL') as HTMLInputElement).value).toBe(URL_));
  const u = user();
  for (let i = 1; i < n; i++) await next(u);
  return u;
}

