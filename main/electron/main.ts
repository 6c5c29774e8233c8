/**
 * The thin Electron shell: app lifecycle and the window. Everything it shows comes from core
 * through the typed IPC contract (main/shared). Security baseline (docs/architecture.md, Electron security): context
 * isolation, sandbox, no node integration, navigation and window.open denied.
 */
import { app, BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.resolve(here, '../../../renderer/dist/index.html');

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1000,
    height: 720,
    title: 'IAM MCP Helper',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadFile(rendererIndex);
}

app.setName('IAM MCP Helper');
void app.whenReady().then(() => {
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
