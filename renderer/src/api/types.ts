import type { HelperApi } from '../../../main/contract/api-contract.js';
import type { ProgressEvent } from '../../../main/contract/progress.js';

export type { HelperApi, ProgressEvent };
export type ProgressListener = (event: ProgressEvent) => void;

/** What the desktop window's preload puts on `window.helper`: the API plus one progress subscription. */
export type PreloadApi = HelperApi & { onProgress(listener: ProgressListener): () => void };

/** The client the pages use, whichever door it goes through. */
export interface ApiClient {
  api: HelperApi;
  door: 'electron' | 'browser';
  /** Subscribes to every progress event of runs this page started; returns the unsubscribe. */
  onProgress(listener: ProgressListener): () => void;
}

declare global {
  interface Window { helper?: PreloadApi }
}
