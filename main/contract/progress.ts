/** Progress events of long runs (start* methods), the same through both doors. */
export type { ProgressEventValue as ProgressEvent } from './api-values.js';
