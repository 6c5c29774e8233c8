/**
 * The main window, with the security baseline: context isolation, sandbox, no node integration,
 * our own file:// page only (navigation, new windows, webviews and permission prompts denied),
 * CSP from the page's meta tag. Bounds are remembered in the settings.
 */
import { BrowserWindow, screen } from 'electron';
import type { SettingsStore, WindowBounds } from '../app/settings.js';

export const MIN_WIDTH = 880;
export const MIN_HEIGHT = 640;

function visible(bounds: WindowBounds | undefined): WindowBounds | undefined {
  if (!bounds || bounds.x === undefined || bounds.y === undefined) return bounds;
  const { x, y } = bounds;
  return screen.getAllDisplays().some((d) => x >= d.bounds.x && y >= d.bounds.y && x < d.bounds.x + d.bounds.width && y < d.bounds.y + d.bounds.height) ? bounds : { width: bounds.width, height: bounds.height };
}

export function createMainWindow(input: { preload: string; page: string; settings: SettingsStore }): BrowserWindow {
  const saved = visible(input.settings.read().windowBounds);
  const window = new BrowserWindow({
    width: Math.max(saved?.width ?? 1040, MIN_WIDTH),
    height: Math.max(saved?.height ?? 760, MIN_HEIGHT),
    ...(saved?.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'IAM MCP Helper',
    show: false,
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    input.settings.write({ ...input.settings.read(), windowBounds: window.getNormalBounds() });
  });
  void window.loadFile(input.page);
  return window;
}
