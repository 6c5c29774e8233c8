/**
 * `startEmulator`: starts one IAM emulator profile on 127.0.0.1 (contract in ./types.ts).
 */
import { HelperError } from '../../main/core/errors.js';
import { CASDOOR_MCP_PATH, startCasdoor } from './casdoor/server.js';
import type { ProfileServer } from './core/server.js';
import { HANZO_MCP_PATH, startHanzoV1 } from './hanzo-v1/server.js';
import { CLIENT_ID, GUIDE_REDIRECT_URIS, ORGANIZATION, seedUsers } from './core/seed.js';
import type { EmulatorHandle, Faults, ProfileName, StartOptions } from './types.js';

export type { EmulatorHandle, Faults, ProfileName, StartOptions } from './types.js';
export { parseFault, parseFaults } from './faults.js';

function users(): EmulatorHandle['users'] {
  const all = seedUsers();
  const pick = (name: string) => {
    const u = all.find((x) => x.username === name);
    if (!u) throw new Error(`seed user ${name} missing`);
    return { username: u.username, password: u.password, isAdmin: u.isAdmin };
  };
  return { admin: pick('admin'), user: pick('alice') };
}

function handleFrom(profile: ProfileName, mcpPath: string, server: ProfileServer): EmulatorHandle {
  const { state, listening } = server;
  return {
    profile,
    mcpUrl: `${listening.origin}${mcpPath}`,
    issuer: state.issuer,
    origin: listening.origin,
    clientId: CLIENT_ID,
    organization: ORGANIZATION,
    users: users(),
    redirectUris: [...GUIDE_REDIRECT_URIS],
    ...(listening.caPem ? { caPem: listening.caPem } : {}),
    setFaults(faults: Faults) {
      // `tls` is fixed at start: a listening socket cannot switch protocol.
      state.faults = { ...faults, tls: state.faults.tls };
    },
    close: () => listening.close(),
  };
}

export async function startEmulator(options: StartOptions): Promise<EmulatorHandle> {
  const port = options.port ?? 0;
  const faults = { ...(options.faults ?? {}) };
  switch (options.profile) {
    case 'casdoor':
      return handleFrom('casdoor', faults.mcpPath ?? CASDOOR_MCP_PATH, await startCasdoor(port, faults));
    case 'hanzo-v1':
      return handleFrom('hanzo-v1', faults.mcpPath ?? HANZO_MCP_PATH, await startHanzoV1(port, faults));
    case 'spec':
      // Loaded lazily: oidc-provider is heavy and prints a Node 20 warning at import.
      return (await import('./spec/server.js')).startSpecServer({ ...options, port, faults });
    default:
      throw new HelperError('EMULATOR_PROFILE_UNKNOWN', `unknown profile ${String(options.profile)}`);
  }
}
