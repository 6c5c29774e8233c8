/**
 * Where the app keeps OAuth tokens between runs. By default only in memory (gone when the app
 * quits). The desktop window offers an encrypted vault (Electron safeStorage) when the user ticks
 * "remember this sign-in"; where the OS has no keyring, `persistent` is false and `note` says so.
 */
export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  scope?: string;
}

export interface TokenVault {
  /** True when `remember` keeps tokens across restarts (encrypted by the OS). */
  readonly persistent: boolean;
  /** One sentence for the settings page when persistence is unavailable. */
  readonly note?: string;
  get(key: string): Promise<StoredTokens | undefined>;
  set(key: string, tokens: StoredTokens, remember: boolean): Promise<void>;
  delete(key: string): Promise<void>;
}

export function memoryVault(note = 'Sign-ins are kept in memory only and forgotten when the app stops.'): TokenVault {
  const map = new Map<string, StoredTokens>();
  return {
    persistent: false,
    note,
    get: async (key) => map.get(key),
    set: async (key, tokens) => { map.set(key, tokens); },
    delete: async (key) => { map.delete(key); },
  };
}

/** The vault key of one instance: its MCP URL and client ID. */
export const vaultKey = (url: string, clientId: string): string => `${url}\n${clientId}`;
