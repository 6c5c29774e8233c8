/**
 * The desktop window's preload (sandboxed, bundled to CommonJS): one named function per API
 * method on `window.helper`, each invoking that method's own channel, plus `onProgress`. Nothing
 * generic crosses the bridge, so the page can reach exactly the contract and nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HelperApi } from '../contract/api-contract.js';
import { ipcChannel as c, PROGRESS_CHANNEL } from '../contract/api-methods.js';
import type { ProgressEvent } from '../contract/progress.js';

const api: HelperApi & { onProgress(listener: (event: ProgressEvent) => void): () => void } = {
  probeInstance: (url) => ipcRenderer.invoke(c('probeInstance'), url),
  locateConfig: () => ipcRenderer.invoke(c('locateConfig')),
  chooseConfigFile: (path) => ipcRenderer.invoke(c('chooseConfigFile'), path),
  claudeStatus: () => ipcRenderer.invoke(c('claudeStatus')),
  checkRedirectUris: (input) => ipcRenderer.invoke(c('checkRedirectUris'), input),
  readEntries: () => ipcRenderer.invoke(c('readEntries')),
  previewSetup: (input) => ipcRenderer.invoke(c('previewSetup'), input),
  applySetup: (input, sha256) => ipcRenderer.invoke(c('applySetup'), input, sha256),
  listBackups: () => ipcRenderer.invoke(c('listBackups')),
  diffBackup: (id) => ipcRenderer.invoke(c('diffBackup'), id),
  restoreBackup: (id) => ipcRenderer.invoke(c('restoreBackup'), id),
  pruneBackups: (keep) => ipcRenderer.invoke(c('pruneBackups'), keep),
  startDoctor: (target) => ipcRenderer.invoke(c('startDoctor'), target),
  startVerify: (input) => ipcRenderer.invoke(c('startVerify'), input),
  startBridgeVerify: (entry) => ipcRenderer.invoke(c('startBridgeVerify'), entry),
  getRun: (runId) => ipcRenderer.invoke(c('getRun'), runId),
  cancel: (runId) => ipcRenderer.invoke(c('cancel'), runId),
  exportReport: (runId, format) => ipcRenderer.invoke(c('exportReport'), runId, format),
  previewFix: (runId, findingId) => ipcRenderer.invoke(c('previewFix'), runId, findingId),
  applyFix: (runId, findingId, sha256) => ipcRenderer.invoke(c('applyFix'), runId, findingId, sha256),
  readClaudeLogs: (name) => ipcRenderer.invoke(c('readClaudeLogs'), name),
  openPath: (target) => ipcRenderer.invoke(c('openPath'), target),
  copyText: (text) => ipcRenderer.invoke(c('copyText'), text),
  routeTable: (input) => ipcRenderer.invoke(c('routeTable'), input),
  connectorChecks: (input) => ipcRenderer.invoke(c('connectorChecks'), input),
  buildBundle: (input) => ipcRenderer.invoke(c('buildBundle'), input),
  getSettings: () => ipcRenderer.invoke(c('getSettings')),
  saveSettings: (patch) => ipcRenderer.invoke(c('saveSettings'), patch),
  onProgress(listener) {
    const forward = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, forward);
    return () => { ipcRenderer.removeListener(PROGRESS_CHANNEL, forward); };
  },
};

contextBridge.exposeInMainWorld('helper', api);
