/** The desktop window's settings in electron-store (`settings.json` in the app data folder). */
import ElectronStore from 'electron-store';
import { DEFAULT_SETTINGS, type SettingsStore, type StoredSettings } from '../app/settings.js';

export function electronSettings(dir: string): { settings: SettingsStore; tokens: ElectronStore<{ tokens: Record<string, string> }> } {
  const store = new ElectronStore<StoredSettings>({ cwd: dir, name: 'settings', defaults: DEFAULT_SETTINGS, clearInvalidConfig: true });
  const tokens = new ElectronStore<{ tokens: Record<string, string> }>({ cwd: dir, name: 'sign-ins', defaults: { tokens: {} }, clearInvalidConfig: true });
  return {
    settings: { read: () => ({ ...DEFAULT_SETTINGS, ...store.store }), write: (next) => { store.store = next; } },
    tokens,
  };
}
