/**
 * The names of the app's API methods, with no runtime dependency, so the renderer's client can
 * list them without bundling the zod schemas. `api-contract.ts` maps each name to its schemas;
 * the drift test checks that both doors serve every name.
 */
export const API_METHODS = [
  'probeInstance',
  'locateConfig',
  'chooseConfigFile',
  'claudeStatus',
  'checkRedirectUris',
  'readEntries',
  'previewSetup',
  'applySetup',
  'listBackups',
  'diffBackup',
  'restoreBackup',
  'pruneBackups',
  'startDoctor',
  'startVerify',
  'startBridgeVerify',
  'getRun',
  'cancel',
  'exportReport',
  'previewFix',
  'applyFix',
  'readClaudeLogs',
  'openPath',
  'copyText',
  'routeTable',
  'connectorChecks',
  'buildBundle',
  'getSettings',
  'saveSettings',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** Method names that start a long run: they answer with a run id, then progress events follow. */
export const RUN_METHODS = ['startDoctor', 'startVerify', 'startBridgeVerify'] as const satisfies readonly ApiMethod[];

/** The IPC channel of one method (door 1). One channel per method; never a generic channel. */
export const ipcChannel = (method: ApiMethod): string => `helper:${method}`;
/** The IPC channel progress events arrive on (door 1), sent only to the window that started the run. */
export const PROGRESS_CHANNEL = 'helper:progress';
/** The HTTP route of one method (door 2): POST with a JSON body `{ "args": [...] }`. */
export const httpRoute = (method: ApiMethod): string => `/api/${method}`;
