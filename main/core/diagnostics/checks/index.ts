/** Every doctor check, in report order. Ids are stable: the GUI, reports and tests key on them. */
import type { CheckDef } from '../types.js';
import { configChecks } from './config.js';
import { netChecks } from './net.js';
import { discoveryChecks } from './discovery.js';
import { redirectChecks } from './redirect.js';
import { corsChecks } from './cors.js';
import { scopeChecks } from './scope.js';
import { tokenChecks } from './token.js';
import { bridgeChecks } from './bridge-cache.js';
import { claudeChecks } from './claude.js';
import { bridgeNodeCheck } from './bridge-node.js';
import { bridgePortCheck } from './bridge-port.js';

export const allChecks: CheckDef[] = [
  ...configChecks, ...netChecks, ...discoveryChecks, ...redirectChecks, ...corsChecks,
  ...scopeChecks, ...tokenChecks, ...bridgeChecks, bridgeNodeCheck, bridgePortCheck, ...claudeChecks,
];

/**
 * Hook for `bridge.run` (`--bridge`): another check set (spawn the entry's command as Claude
 * Desktop does) is appended by the caller through `runDoctor({ extraChecks })`.
 */
export const CHECK_IDS = allChecks.map((c) => c.id);
