#!/usr/bin/env node
// How long a bridge verification (`verify --via-bridge`) takes, per emulator profile: the entry
// `setup` writes, run through the real mcp-remote with a Chromium login, split into phases
// (login-shell PATH probe, npx + mcp-remote start until it asks for a sign-in, the Chromium
// login, the rest: MCP calls and teardown). A measurement, not a test.
// Usage: npm run build && node bench/bridge.mjs [runs=3]
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 3);
const { startEmulator } = await import(path.join(root, 'dist/test/iam/index.js'));
const { buildIamEntry } = await import(path.join(root, 'dist/main/core/config/entry-builder.js'));
const { runBridgeVerify } = await import(path.join(root, 'dist/main/core/mcp/bridge-run.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const profile of ['casdoor', 'hanzo-v1', 'spec']) {
  const emu = await startEmulator({ profile });
  const { entry } = buildIamEntry({ mcpUrl: emu.mcpUrl, clientId: emu.clientId, platform: process.platform });
  const rows = { total: [], path: [], toSignIn: [], login: [], rest: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const marks = {};
      const started = Date.now();
      const report = await runBridgeVerify({ entry, platform: process.platform, env: process.env, cwd: root, homedir: os.homedir(), tmpdir: os.tmpdir(), browserCommand: 'npm run --silent iam-login --',
        timeoutMs: 90_000, onProgress: (e) => { marks[`${e.phase}:${e.id}`] ??= Date.now() - started; } });
      const failed = report.steps.filter((s) => s.status === 'fail');
      if (failed.length) throw new Error(`${profile}: ${failed.map((s) => `${s.id}: ${s.cause}`).join('; ')}`);
      const login = report.steps.find((s) => s.id === 'bridge.login')?.evidence.browserCommand?.durationMs ?? 0;
      rows.total.push(report.durationMs);
      rows.path.push(marks['end:config.command-resolvable']);
      rows.toSignIn.push(marks['start:bridge.login'] - marks['start:bridge.spawn']);
      rows.login.push(login);
      rows.rest.push(report.durationMs - marks['start:bridge.login'] - login);
    }
  } finally {
    await emu.close();
  }
  const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
  console.log(`${profile.padEnd(9)} total ${String(m.total).padStart(5)} ms  (PATH probe ${m.path}, npx+mcp-remote to sign-in ${m.toSignIn}, Chromium login ${m.login}, MCP+teardown ${m.rest}; median of ${runs})`);
}
