/**
 * config.scope-names states what is true of the server at hand: what it advertises (RFC 9728 /
 * RFC 8414 scopes_supported) plus what servers of its shape accept, each finding worded by its
 * source; never Hanzo IAM's scope list applied to every server.
 */
import { afterEach, expect, it } from 'vitest';
import { startEmulator } from '../../iam/index.js';
import type { EmulatorHandle, ProfileName } from '../../iam/types.js';
import { doctorOn, goodEntry } from './emulator-helpers.js';

let h: EmulatorHandle | undefined;
afterEach(async () => { await h?.close(); h = undefined; });
const start = async (profile: ProfileName) => { h = await startEmulator({ profile }); return h; };

it('casdoor: application:read is not advertised, but Casdoor-shaped servers accept it: pass, with the shape in the evidence', async () => {
  const e = await start('casdoor');
  const { c } = await doctorOn(e, goodEntry(e, 'openid profile email application:read'));
  const check = c['config.scope-names'];
  expect(check?.status, check?.cause).toBe('pass');
  expect(check?.evidence).toMatchObject({ shape: 'casdoor', advertised: expect.arrayContaining(['read', 'write']) });
  expect(check?.evidence.advertised).not.toContain('application:read');
});

it('casdoor: the guide\'s names fail, worded as this Casdoor-shaped server\'s names', async () => {
  const e = await start('casdoor');
  const { c } = await doctorOn(e, goodEntry(e, 'openid read:application'));
  expect(c['config.scope-names']?.status).toBe('fail');
  expect(c['config.scope-names']?.cause).toMatch(/this server, a Casdoor-shaped server \(Hanzo IAM\), calls them application:read/);
  expect(c['config.scope-names']?.fixAction).toEqual({ action: 'config.set-scopes', scopes: 'openid application:read' });
});

it('hanzo-v1 does not advertise user:read: a warning naming what it does advertise and where', async () => {
  const e = await start('hanzo-v1');
  const { c } = await doctorOn(e, goodEntry(e, 'openid application:read user:read'));
  const check = c['config.scope-names'];
  expect(check?.status).toBe('warn');
  expect(check?.cause).toMatch(/user:read are not among the ones this server advertises: .*application:write.*\(RFC 9728 protected-resource metadata, RFC 8414 authorization-server metadata\)/);
  expect(check?.evidence.unknown).toEqual(['user:read']);
});

it('a spec server (oidc-provider) is judged by what it advertises, not by Hanzo IAM\'s scope list', async () => {
  const e = await start('spec');
  const { c: own } = await doctorOn(e, goodEntry(e, 'openid application:write'));
  expect(own['config.scope-names']?.status, own['config.scope-names']?.cause).toBe('pass');
  // user:read is one of Hanzo IAM's scopes, but this server neither advertises it nor is Casdoor-shaped.
  const { c: hanzo } = await doctorOn(e, goodEntry(e, 'openid user:read'));
  expect(hanzo['config.scope-names']?.status).toBe('warn');
  expect(hanzo['config.scope-names']?.cause).toMatch(/user:read are not among the ones this server advertises/);
  expect(hanzo['config.scope-names']?.cause).not.toMatch(/Casdoor-shaped/);
});

it('offline: nothing is compared but the guide\'s known-wrong names, and the words say the server was not asked', async () => {
  const e = await start('casdoor');
  const { c } = await doctorOn(e, goodEntry(e, 'openid application:read'), { offline: true });
  expect(c['config.scope-names']?.status).toBe('skip');
  expect(c['config.scope-names']?.cause).toMatch(/cannot be compared with the server's: offline run/);
  const { c: guide } = await doctorOn(e, goodEntry(e, 'openid write:application'), { offline: true });
  expect(guide['config.scope-names']?.status).toBe('fail');
  expect(guide['config.scope-names']?.cause).toMatch(/Hanzo IAM \(and Casdoor\) calls them application:write; this server was not asked \(offline run\)/);
});
