/**
 * Bearer challenges (RFC 6750 §3, RFC 9728 §5.1): what a protected resource tells a client in
 * `WWW-Authenticate`. Parsing is the MCP SDK's; we add `error_description` and `realm` for evidence.
 */
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';

export interface BearerChallenge {
  raw: string;
  resourceMetadata?: string;
  scope?: string;
  error?: string;
  errorDescription?: string;
  realm?: string;
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|[\\s,])${name}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`(?:^|[\\s,])${name}=([^\\s,"]+)`, 'i').exec(header);
  return match?.[1];
}

/** Parses a `WWW-Authenticate` value; undefined when it carries no Bearer challenge. */
export function parseBearerChallenge(header: string | undefined): BearerChallenge | undefined {
  if (!header || !/^\s*bearer\b/i.test(header)) return undefined;
  const params = extractWWWAuthenticateParams(new Response(null, { headers: { 'www-authenticate': header } }));
  const out: BearerChallenge = { raw: header };
  const resourceMetadata = params.resourceMetadataUrl?.toString() ?? param(header, 'resource_metadata');
  if (resourceMetadata) out.resourceMetadata = resourceMetadata;
  if (params.scope ?? param(header, 'scope')) out.scope = params.scope ?? param(header, 'scope');
  if (params.error ?? param(header, 'error')) out.error = params.error ?? param(header, 'error');
  const description = param(header, 'error_description');
  if (description) out.errorDescription = description;
  const realm = param(header, 'realm');
  if (realm) out.realm = realm;
  return out;
}
