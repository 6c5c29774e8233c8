/**
 * Property: secrets planted in every position a user's config or an HTTP exchange can hold them
 * never survive any output — doctor text, `--json`, the Markdown report, verify's step lines, a
 * setup/backup diff, a JSON syntax error (message and detail). No 8-character piece of a planted
 * secret may appear anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../main/core/config/diff.js';
import { parseConfigText } from '../../../main/core/config/parse.js';
import { HelperError } from '../../../main/core/errors.js';
import { httpExchange } from '../../../main/core/http/exchange.js';
import { redactEvidence } from '../../../main/core/http/redact.js';
import { renderMarkdown, renderText } from '../../../main/core/diagnostics/report.js';
import { runChecks } from '../../../main/core/diagnostics/runner.js';
import type { DoctorReport } from '../../../main/core/diagnostics/doctor.js';
import type { CheckDef, DoctorDeps } from '../../../main/core/diagnostics/types.js';
import { summarize } from '../../../main/core/diagnostics/doctor.js';
import { renderStep } from '../../../main/core/verify/render.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const char = (set: string) => fc.constantFrom(...set.split(''));
/** A credential-like value: letter, digit, then 14-38 characters of [A-Za-z0-9_-]. */
const secret = fc.tuple(char('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), char('0123456789'),
  fc.string({ unit: char(`${ALNUM}_-`), minLength: 14, maxLength: 38 })).map(([a, b, rest]) => `${a}${b}${rest}`);
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const word = fc.constantFrom('alpha', 'beta', 'files', 'db', 'search', 'notes');

const SECRET_FLAGS = ['--token', '--api-key', '--password', '--client-secret', '--access-token', '--auth', '--secret'];
const SECRET_PARAMS = ['access_token', 'token', 'api_key', 'apiKey', 'client_secret', 'code', 'password', 'sig', 'refresh_token'];
const SECRET_NAMES = ['apiKey', 'api_key', 'client_secret', 'password', 'private_key', 'clientAssertion', 'auth', 'secret', 'accessToken'];
const TEXT_KEYS = ['GITHUB_TOKEN', 'OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'SLACK_TOKEN', 'client_secret'];
const PREFIXES = ['ghp_', 'gho_', 'github_pat_', 'sk-', 'sk_live_', 'xoxb-', 'glpat-', 'hf_'];

interface Planted { server: Record<string, unknown>; text: string[]; exchange: { url: string; headers: Record<string, string>; resHeaders: Record<string, string>; body: string } }

/** One secret per position; returns the server entry, free-text lines and an HTTP exchange holding them. */
const planted = fc.record({
  s: fc.array(secret, { minLength: 16, maxLength: 16 }),
  flag: fc.constantFrom(...SECRET_FLAGS), eqFlag: fc.constantFrom(...SECRET_FLAGS),
  param: fc.constantFrom(...SECRET_PARAMS), fragParam: fc.constantFrom('access_token', 'id_token', 'code'),
  name: fc.constantFrom(...SECRET_NAMES), textKey: fc.constantFrom(...TEXT_KEYS), prefix: fc.constantFrom(...PREFIXES),
  envName: fc.constantFrom('X', 'CONFIG_VALUE', 'NODE_OPTIONS', 'GITHUB_TOKEN'), quote: fc.constantFrom('', '"', "'"),
  bodyKind: fc.constantFrom('json', 'form', 'text'),
}).map(({ s, flag, eqFlag, param, fragParam, name, textKey, prefix, envName, quote, bodyKind }): { secrets: string[]; p: Planted } => {
  const jwt = `eyJ${b64url('{"alg":"RS256"}').slice(3)}.${b64url(`{"sub":"${s[9]}"}`)}.${b64url(s[10]!)}`;
  const prefixed = `${prefix}${s[11]}`;
  const server = {
    command: 'npx',
    args: ['-y', 'some-mcp', flag, s[0], `${eqFlag}=${s[1]}`, '--header', `Authorization: Bearer ${s[2]}`,
      `https://user:${s[3]}@db.example.com/x?${param}=${s[4]}&page=1`, `https://cb.example/x#${fragParam}=${s[5]}&token_type=Bearer`, jwt, prefixed],
    env: { [envName]: s[6] },
    [name]: s[7],
    description: `run with ${textKey}=${quote}${s[8]}${quote} set`,
  };
  const text = [`export ${textKey}=${quote}${s[8]}${quote}`, `token ${jwt} and ${prefixed}`, `connecting to https://user:${s[3]}@db.example.com`];
  const body = bodyKind === 'json' ? JSON.stringify({ access_token: s[12], refresh_token: s[13], token_type: 'Bearer', nested: { id_token: jwt } })
    : bodyKind === 'form' ? `access_token=${s[12]}&refresh_token=${s[13]}&token_type=bearer`
      : `error: invalid_client client_secret=${s[12]} Authorization: Bearer ${s[13]}`;
  const exchange = {
    url: `https://iam.example.com/token?client_secret=${s[14]}#access_token=${s[15]}`,
    headers: { Authorization: `Bearer ${s[12]}`, 'X-Api-Key': s[14]!, Cookie: `sid=${s[15]}` },
    resHeaders: { 'set-cookie': `session=${s[15]}; Path=/`, location: `http://127.0.0.1:1/callback?code=${s[14]}&state=st` },
    body,
  };
  return { secrets: [...s, jwt.split('.')[2]!], p: { server, text, exchange } };
});

function leaks(outputs: string[], secrets: string[]): string[] {
  const found: string[] = [];
  for (const sec of secrets) {
    for (let i = 0; i + 8 <= sec.length; i++) {
      const piece = sec.slice(i, i + 8);
      const at = outputs.findIndex((o) => o.includes(piece));
      if (at !== -1) {
        const o = outputs[at]!;
        const k = o.indexOf(piece);
        found.push(`${piece} in output ${at}: …${o.slice(Math.max(0, k - 60), k + 30)}…`);
        break;
      }
    }
  }
  return found;
}

const deps = { now: () => 0 } as unknown as DoctorDeps;

async function allOutputs(p: Planted, serverName: string, indent: number): Promise<string[]> {
  const before = { globalShortcut: 'Ctrl+Space', mcpServers: { [serverName]: p.server } };
  const after = { ...before, mcpServers: { ...before.mcpServers, iam: { command: 'npx', args: ['-y', 'mcp-remote@0.15.1', 'https://iam.example.com/api/mcp'] } } };
  const beforeText = `${JSON.stringify(before, null, indent)}\n`;
  const afterText = `${JSON.stringify(after, null, indent)}\n`;
  const out: string[] = [lineDiff(beforeText, afterText), lineDiff('', beforeText), lineDiff(beforeText, '{}\n')];
  // A syntax error on the planted line: the message and the detail (excerpt) travel into reports.
  const broken = beforeText.replace(/"mcpServers":\s*\{/, '"mcpServers": {,').replace(/}\n$/, ',}\n');
  expect(() => parseConfigText(broken, 'c.json')).toThrow(HelperError);
  try { parseConfigText(broken, 'c.json'); } catch (error) {
    if (error instanceof HelperError) out.push(error.message, JSON.stringify(error.detail));
  }
  const fetchStub = async () => new Response(p.exchange.body, { status: 400, headers: p.exchange.resHeaders });
  const exchange = await httpExchange(fetchStub, { url: p.exchange.url, method: 'POST', headers: p.exchange.headers, body: 'x' });
  // A check that forgets to redact: the runner and the renderers are the last line.
  const careless: CheckDef = {
    id: 'config.found', area: 'config', title: 'planted',
    async run() { return { status: 'fail', evidence: { entry: p.server, raw: p.exchange, lines: p.text }, cause: p.text.join('; '), fix: `try ${p.text[0]}` }; },
  };
  const careful: CheckDef = { id: 'net.dns', area: 'net', title: 'exchange', async run() { return { status: 'warn', evidence: { exchange }, cause: 'see the exchange' }; } };
  const checks = await runChecks([careless, careful], deps, { target: { name: 'iam' } });
  const report: DoctorReport = { version: 1, target: { name: 'iam', mcpUrl: String((p.server.args as string[])[7]) }, checks, summary: summarize(checks), durationMs: 1 };
  const shown = redactEvidence(report);
  out.push(renderText(shown), renderMarkdown(shown), JSON.stringify(shown, null, 2), ...checks.map((c) => renderStep(c)), JSON.stringify(exchange));
  return out;
}

describe('redaction property: no planted secret survives any output', () => {
  it('configs and HTTP exchanges with secrets in every position (1,000 runs)', async () => {
    await fc.assert(fc.asyncProperty(planted, word, fc.constantFrom(0, 2, 4), async ({ secrets, p }, name, indent) => {
      const outputs = await allOutputs(p, name, indent);
      expect(leaks(outputs, secrets)).toEqual([]);
    }), { numRuns: 1000 });
  }, 120_000);

  it('the property can fail: unredacted text leaks', () => {
    expect(leaks(['token=Zq8xP2vL9mN4kR7t'], ['Zq8xP2vL9mN4kR7t'])).toHaveLength(1);
  });
});
