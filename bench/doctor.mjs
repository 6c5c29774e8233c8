#!/usr/bin/env node
// Speed of `doctor --json` with a token against the local emulator (casdoor profile), next to a
// bare `node -e 0` and to mcp-remote's own `mcp-remote-client` listing the same server's tools.
// Targets: doctor <= 3x bare node, <= 0.5x mcp-remote-client. A measurement, not a test.
// Usage: npm run build && node bench/doctor.mjs [runs=7] [--baseline <another build's bin/iam-mcp-helper.js>]
// Rounds are interleaved (one run of each command per round) so load drift on a shared machine hits
// every command alike; the load average is printed next to the numbers. Wall time and CPU time
// (user + sys of the command and its children, from bash's `times`) are both reported: on a loaded
// machine the CPU time is the steadier measure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as oidc from 'openid-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const baseline = baselineAt === -1 ? undefined : path.resolve(argv.splice(baselineAt, 2)[1] ?? '');
const runs = Number(argv[0] ?? 7);
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

// `times` prints the shell's own and then its children's user/sys times ("0m0.120s 0m0.030s").
const TIMED = '"$@"; s=$?; times >&2; exit $s';
const seconds = (t) => { const m = /^(\d+)m([\d.]+)s$/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : NaN; };
function cpuOf(stderr) {
  const line = stderr.trimEnd().split('\n').at(-1) ?? '';
  const [user, sys] = line.trim().split(/\s+/).map(seconds);
  return (user + sys) * 1000;
}

// Async spawn: the emulator runs in this process and must keep answering while the child runs.
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', TIMED, 'bash', cmd, ...args], { env, cwd: root });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => { clearTimeout(kill); resolve({ status, stdout, stderr, cpuMs: cpuOf(stderr) }); });
  });
}

/** Runs every command once per round; checks each command's first result. */
async function timeAll(commands) {
  const samples = commands.map(() => []);
  const cpu = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of commands.entries()) {
      const started = process.hrtime.bigint();
      const r = await run(c.cmd, c.args);
      samples[k].push(Number(process.hrtime.bigint() - started) / 1e6);
      cpu[k].push(r.cpuMs);
      if (i === 0 && c.check && !c.check(r)) throw new Error(`${c.label}: unexpected result (exit ${r.status}): ${r.stderr.slice(0, 400)} ${r.stdout.slice(-3000)}`);
    }
  }
  return commands.map((c, k) => {
    const s = samples[k].sort((a, b) => a - b);
    const u = cpu[k].sort((a, b) => a - b);
    return { label: c.label, median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1), cpu: u[Math.floor(u.length / 2)], cpuMin: u[0], cpuMax: u.at(-1) };
  });
}

const doctorArgs = ['doctor', '--json', '--url', emu.mcpUrl, '--client-id', emu.clientId, '--scopes', 'openid profile email application:read', '--token', tokens.access_token];
const doctorCheck = (r) => {
  const j = JSON.parse(r.stdout);
  for (const c of j.checks.filter((x) => x.status === 'fail')) console.error(c.id, c.cause, JSON.stringify(c.evidence).slice(0, 300));
  return j.checks.find((c) => c.id === 'scope.tool-access')?.status === 'pass';
};
const commands = [
  { label: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { label: 'doctor --json --token', cmd: process.execPath, args: [path.join(root, 'bin/iam-mcp-helper.js'), ...doctorArgs], check: doctorCheck },
  { label: 'mcp-remote-client (tools/list)', cmd: process.execPath, args: [path.join(root, 'node_modules/mcp-remote/dist/client.js'), emu.mcpUrl,
    '--header', `Authorization: Bearer ${tokens.access_token}`], check: (r) => r.status === 0 && /get_applications/.test(r.stderr + r.stdout) },
  ...(baseline ? [{ label: 'baseline doctor', cmd: process.execPath, args: [baseline, ...doctorArgs], check: doctorCheck }] : []),
];

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
let results;
try {
  results = await timeAll(commands);
} finally {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
}
for (const r of results) {
  console.log(`${r.label.padEnd(32)} wall median ${r.median.toFixed(0).padStart(5)} ms (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}); `
    + `cpu median ${r.cpu.toFixed(0).padStart(4)} ms (min ${r.cpuMin.toFixed(0)}, max ${r.cpuMax.toFixed(0)}); ${runs} runs`);
}
console.log(`node ${process.version}; load average (1, 5, 15 min) before ${loadBefore}, after ${load()}; ${os.cpus().length} cpus`);
const ratio = (a, b) => `wall ${(a.median / b.median).toFixed(2)}x, cpu ${(a.cpu / b.cpu).toFixed(2)}x`;
console.log(`doctor / node -e 0            = ${ratio(results[1], results[0])} (target <= 3)`);
console.log(`doctor / mcp-remote-client    = ${ratio(results[1], results[2])} (target <= 0.5)`);
if (baseline) console.log(`doctor / baseline doctor      = ${ratio(results[1], results[3])}`);
