/** The live state of one spec-profile server: its origin and the faults in force (replaced by setFaults). */
import type { Faults } from '../types.js';

export const DEFAULT_MCP_PATH = '/mcp';
export const DEFAULT_ACCESS_TOKEN_TTL = 3600;
export const DEFAULT_REFRESH_TOKEN_TTL = 14 * 24 * 3600;

export class SpecState {
  faults: Faults;
  /** `caPem`: the self-signed certificate when serving HTTPS (fault `tls`). */
  constructor(readonly origin: string, faults: Faults, readonly caPem?: string) {
    this.faults = { ...faults };
  }
  /** `mcp-path` fault: the MCP endpoint moves; the old path then answers 404. */
  get mcpPath(): string {
    const path = this.faults.mcpPath ?? DEFAULT_MCP_PATH;
    return path.startsWith('/') ? path : `/${path}`;
  }
  /** The MCP endpoint's URL, which is also the RFC 8707 resource and the tokens' audience. */
  get mcpUrl(): string {
    return `${this.origin}${this.mcpPath}`;
  }
  /** RFC 9728 §3.1: the metadata URL is the well-known prefix inserted before the resource path. */
  get resourceMetadataUrl(): string {
    return `${this.origin}/.well-known/oauth-protected-resource${this.mcpPath}`;
  }
  /** `clock-skew=<s>`: the server's idea of "now" (its Date header, token iat/exp, its token checks). */
  now(): Date {
    return new Date(Date.now() + (this.faults.clockSkew ?? 0) * 1000);
  }
  get accessTokenTtl(): number {
    return this.faults.tokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL;
  }
  get refreshTokenTtl(): number {
    return this.faults.refreshExpiresWithAccess ? this.accessTokenTtl : DEFAULT_REFRESH_TOKEN_TTL;
  }
}
