#!/usr/bin/env node
// Speed of `doctor --json` with a token against the local emulator (casdoor profile), next to a
// bare `node -e 0` and to mcp-remote's own `mcp-remote-client` listing the same server's tools.
// Targets (issue 5): doctor <= 3x bare node, <= 0.5x mcp-remote-client. A measurement, not a test.
// Usage: npm run build && node bench/doctor.mjs [runs=7]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as oidc from 'openid-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 7);
const { startEmulator } = await import(path.join(root, 'dist/test/iam/index.js'));
const { loginWithHttp } = await import(path.join(root, 'dist/test/iam/login/http-login.js'));

const emu = await startEmulator({ profile: 'casdoor' });
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-bench-'));
const env = { ...process.env, HOME: home, MCP_REMOTE_CONFIG_DIR: path.join(home, 'mcp-auth'), ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' };

// A real token: authorization code + PKCE through the emulator's forms.
const config = await oidc.discovery(new URL(emu.issuer), emu.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
const verifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const url = oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://127.0.0.1:33418/callback', scope: 'openid profile email application:read',
  code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
const { callbackUrl } = await loginWithHttp(url.href, emu.users.admin);
const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state });

// Async spawn: the emulator runs in this process and must keep answering while the child runs.
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd: root });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => { clearTimeout(kill); resolve({ status, stdout, stderr }); });
  });
}

async function time(label, cmd, args, check) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const r = await run(cmd, args);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (i === 0 && check && !check(r)) throw new Error(`${label}: unexpected result (exit ${r.status}): ${r.stderr.slice(0, 400)} ${r.stdout.slice(-3000)}`);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples.at(-1) };
}

const results = [];
try {
  results.push(await time('node -e 0', process.execPath, ['-e', '0']));
  results.push(await time('doctor --json --token', process.execPath, [path.join(root, 'bin/iam-mcp-helper.js'), 'doctor', '--json', '--url', emu.mcpUrl,
    '--client-id', emu.clientId, '--scopes', 'openid profile email application:read', '--token', tokens.access_token],
  (r) => { const j = JSON.parse(r.stdout); for (const c of j.checks.filter((x) => x.status === 'fail')) console.error(c.id, c.cause, JSON.stringify(c.evidence).slice(0, 300)); return j.checks.find((c) => c.id === 'scope.tool-access')?.status === 'pass'; }));
  results.push(await time('mcp-remote-client (tools/list)', process.execPath, [path.join(root, 'node_modules/mcp-remote/dist/client.js'), emu.mcpUrl,
    '--header', `Authorization: Bearer ${tokens.access_token}`], (r) => r.status === 0 && /get_applications/.test(r.stderr + r.stdout)));
} finally {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
}
const base = results[0].median;
const doctor = results[1].median;
const client = results[2].median;
for (const r of results) console.log(`${r.label.padEnd(32)} median ${r.median.toFixed(0).padStart(5)} ms  (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}, ${runs} runs)`);
console.log(`doctor / node -e 0            = ${(doctor / base).toFixed(2)}x (target <= 3)`);
console.log(`doctor / mcp-remote-client    = ${(doctor / client).toFixed(2)}x (target <= 0.5)`);
