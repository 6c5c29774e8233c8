/**
 * In-memory oidc-provider adapter (interface: oidc-provider docs, "adapter"). The `Client` model
 * is answered from the live faults, so `setFaults` changes the registered client at run time
 * (oidc-provider caches dynamic clients by a hash of their metadata, so a change takes effect on
 * the next request). `revoke-all` hides every stored token, as if none were in the database.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

const TOKEN_MODELS = new Set(['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials']);

interface Entry { payload: AdapterPayload; expiresAt: number | undefined }

export interface AdapterHooks {
  /** Metadata of a dynamic client, or undefined when unknown. */
  client(id: string): AdapterPayload | undefined;
  /** True while the `revoke-all` fault is on. */
  revokedAll(): boolean;
}

export function memoryAdapterFactory(hooks: AdapterHooks): (name: string) => Adapter {
  const store = new Map<string, Entry>();
  const key = (model: string, id: string): string => `${model}:${id}`;

  return (model: string): Adapter => {
    const live = (id: string): AdapterPayload | undefined => {
      const entry = store.get(key(model, id));
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        store.delete(key(model, id));
        return undefined;
      }
      if (TOKEN_MODELS.has(model) && hooks.revokedAll()) return undefined;
      return entry.payload;
    };
    const findBy = (field: 'uid' | 'userCode', value: string): AdapterPayload | undefined => {
      for (const [k, entry] of store) {
        if (k.startsWith(`${model}:`) && entry.payload[field] === value) return live(k.slice(model.length + 1));
      }
      return undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        store.set(key(model, id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
      },
      async find(id) {
        return model === 'Client' ? hooks.client(id) : live(id);
      },
      async findByUid(uid) { return findBy('uid', uid); },
      async findByUserCode(userCode) { return findBy('userCode', userCode); },
      async consume(id) {
        const entry = store.get(key(model, id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) { store.delete(key(model, id)); },
      async revokeByGrantId(grantId) {
        for (const [k, entry] of store) if (entry.payload.grantId === grantId) store.delete(k);
      },
    };
  };
}
