/** The config engine's public surface (issue 2): locate, parse, edit, build, describe, back up. */
export * from './fs-port.js';
export * from './locate.js';
export * from './parse.js';
export * from './edit.js';
export * from './entry-builder.js';
export * from './entry-describe.js';
export * from './atomic-write.js';
export * from './backups.js';
export * from './diff.js';
export * from './write-entry.js';
