#!/usr/bin/env node
// The client the MCP conformance suite spawns as `<command> <serverUrl>`: runs our verifier
// headless (the suite's mock authorization server approves at once), with the scenario's
// pre-registered credentials from MCP_CONFORMANCE_CONTEXT when it gives them, a Client ID
// Metadata Document URL for servers that support one, and the mock server's `test-tool` to call.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverUrl = process.argv[2];
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || '{}');
const args = [path.join(root, 'bin/iam-mcp-helper.js'), 'verify', '--url', serverUrl, '--headless', '--json',
  '--timeout', '5000', '--callback-timeout', '15000',
  '--client-metadata-url', 'https://conformance-test.local/client-metadata.json',
  '--call', 'test-tool', '--args', '{}'];
if (context.client_id) args.push('--client-id', context.client_id);
const env = { ...process.env };
if (context.client_secret) env.IAM_MCP_CLIENT_SECRET = context.client_secret;
// Our CLI runs on the project's Node (>= 20), not the suite's Node 22.
const node = process.env.IAM_MCP_HELPER_NODE || 'node';
const child = spawn(node, args, { env, stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
