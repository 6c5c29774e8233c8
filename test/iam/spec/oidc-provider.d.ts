// Minimal typings for the parts of oidc-provider@9 the spec profile uses (the package ships none;
// @types/oidc-provider is not installed). Shapes follow oidc-provider's docs/README.md.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AdapterPayload { [key: string]: unknown; grantId?: string; userCode?: string; uid?: string; consumed?: unknown }
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }
  export type AdapterFactory = (name: string) => Adapter;

  export interface Account { accountId: string; claims(use: string, scope: string): Promise<Record<string, unknown>> }
  export interface ClientLike { clientId: string; applicationType: string; grantTypeAllowed(type: string): boolean }
  export interface KoaContextLike {
    method: string; path: string; type: string; body: unknown; status: number;
    set(name: string, value: string): void; remove(name: string): void;
    response: { headers: Record<string, unknown> };
  }
  export interface ResourceServerInfo {
    scope: string; audience?: string; accessTokenTTL?: number; accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg: string } };
  }
  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id?: string; scope?: string };
    session?: { accountId?: string };
    grantId?: string;
  }
  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export interface GrantStatic { new (props: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> }
  export interface AccessTokenLike { scope?: string; accountId?: string; clientId?: string; exp?: number; aud?: string | string[] }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContextLike, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: GrantStatic;
    AccessToken: { find(token: string): Promise<AccessTokenLike | undefined> };
  }
  export default Provider;
  export const errors: { InvalidTarget: new (description?: string) => Error; InvalidScope: new (description: string, scope: string) => Error; AccessDenied: new (description?: string) => Error };
}
