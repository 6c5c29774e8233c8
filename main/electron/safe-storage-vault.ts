/**
 * Tokens in the desktop window: in memory, and kept across restarts only when the user ticks
 * "remember this sign-in" and the OS can encrypt them (Electron safeStorage: Keychain, DPAPI,
 * libsecret/kwallet). On Linux without a keyring safeStorage would fall back to a hard-coded key
 * ('basic_text'); then nothing is written and the settings page says why.
 */
import { safeStorage } from 'electron';
import type ElectronStore from 'electron-store';
import { memoryVault, type StoredTokens, type TokenVault } from '../app/token-vault.js';

type Blobs = Record<string, string>;

export function safeStorageVault(store: ElectronStore<{ tokens: Blobs }>, platform: NodeJS.Platform): TokenVault {
  const weakLinux = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weakLinux) {
    return memoryVault('This computer has no keyring the app can use to encrypt sign-ins, so they are kept in memory only and forgotten when the app closes.');
  }
  const memory = new Map<string, StoredTokens>();
  const blobs = (): Blobs => store.get('tokens', {});
  return {
    persistent: true,
    async get(key) {
      const held = memory.get(key);
      if (held) return held;
      const blob = blobs()[key];
      if (!blob) return undefined;
      try {
        return JSON.parse(safeStorage.decryptString(Buffer.from(blob, 'base64'))) as StoredTokens;
      } catch {
        return undefined;
      }
    },
    async set(key, tokens, remember) {
      memory.set(key, tokens);
      const next = { ...blobs() };
      if (remember) next[key] = safeStorage.encryptString(JSON.stringify(tokens)).toString('base64');
      else delete next[key];
      store.set('tokens', next);
    },
    async delete(key) {
      memory.delete(key);
      const next = { ...blobs() };
      delete next[key];
      store.set('tokens', next);
    },
  };
}
