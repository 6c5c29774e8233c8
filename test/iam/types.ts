/**
 * The contract every emulator profile implements, so tests, the demo and the verifier/doctor/
 * bridge tests can start any profile the same way.
 */
export type ProfileName = 'casdoor' | 'hanzo-v1' | 'spec';

/** Fault switches (issue "The IAM emulator"); combinable, settable at start and at run time. */
export interface Faults {
  redirectStrict?: boolean;
  redirectList?: string[];
  corsOff?: boolean;
  corsNoAuthHeader?: boolean;
  tokenTtl?: number;
  noRefreshGrant?: boolean;
  refreshExpiresWithAccess?: boolean;
  clockSkew?: number;
  revokeAll?: boolean;
  appScopes?: string[];
  mcpPath?: string;
  tls?: boolean;
  slow?: number;
  dcr?: boolean;
  /** Every app also lists Claude's two connector callbacks as redirect URIs. */
  claudeCallbacks?: boolean;
  /** Discovery omits code_challenge_methods_supported (S256 not advertised). */
  pkceUnadvertised?: boolean;
  /** The authorization endpoint answers HTTP 500 with an error page: always, or only to requests carrying `resource`. */
  authorize500?: 'always' | 'resource';
}

export interface EmulatorUser {
  username: string;
  password: string;
  isAdmin: boolean;
}

export interface StartOptions {
  profile: ProfileName;
  /** 0 (default) picks a free port. Always bound on 127.0.0.1. */
  port?: number;
  faults?: Faults;
}

export interface EmulatorHandle {
  profile: ProfileName;
  /** e.g. http://127.0.0.1:PORT/api/mcp (casdoor), .../mcp (hanzo-v1, spec). */
  mcpUrl: string;
  /** The authorization server's issuer identifier. */
  issuer: string;
  /** Base URL of the server (scheme://host:port). */
  origin: string;
  clientId: string;
  organization: string;
  users: { admin: EmulatorUser; user: EmulatorUser };
  /** The redirect URIs registered on the seeded app, as the guide tells users to register them. */
  redirectUris: string[];
  /** PEM of the CA that signed the TLS certificate (fault `tls`), else undefined. */
  caPem?: string;
  /** Replace the active faults at run time (a full set, not a patch). */
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}
