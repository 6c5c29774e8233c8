/**
 * The app's one API: method -> zod schema of its arguments (a tuple, as the preload's named
 * functions take them) -> zod schema of its value. Every answer is a `Result` (result.ts):
 * `{ ok: true, value }` or `{ ok: false, error: { code, message, detail } }`. Both doors (IPC in
 * the desktop window, HTTP POST in the browser) validate arguments with these schemas before
 * anything runs. No node imports here: the renderer type-checks against this file.
 */
import { z } from 'zod';
import type { ApiMethod } from './api-methods.js';
import type { Result } from './result.js';
import {
  backupDiffSchema, backupMetaSchema, configLocationSchema, fixAppliedSchema, fixPreviewSchema, probeSummarySchema,
  readEntriesSchema, reportSchema, restoreSchema, runInfoSchema, settingsSchema, setupAppliedSchema, setupPreviewSchema,
  recentInstanceSchema, routeIdSchema, claudeStatusSchema, redirectCheckSchema, routeTableSchema, connectorReportSchema, bundleBuiltSchema, claudeLogsSchema,
} from './api-values.js';

const url = z.string().trim().min(1).max(2048);
const id = z.string().min(1).max(200).regex(/^[\w.:-]+$/, 'letters, digits, dot, dash, colon or underscore');
const runId = z.string().min(1).max(100).regex(/^[\w-]+$/);
const sha256 = z.string().regex(/^([0-9a-f]{64})?$/, 'a sha256 in hex (or empty for a file that does not exist)');
const entryName = z.string().min(1).max(200);
const scopes = z.string().max(1024);

export const setupInputSchema = z.object({
  url,
  clientId: z.string().max(512),
  scopes: scopes.optional(),
  name: entryName.optional(),
  callbackPort: z.number().int().min(1).max(65535).optional(),
  allowHttp: z.boolean().optional(),
  npxPath: z.string().max(4096).optional(),
  replaceInvalid: z.boolean().optional(),
  /** Repair an unreadable file by removing only trailing commas and comments (tried before replaceInvalid). */
  repairInvalid: z.boolean().optional(),
}).strict();

export const doctorTargetSchema = z.object({
  name: entryName.optional(),
  url: url.optional(),
  clientId: z.string().max(512).optional(),
  scopes: scopes.optional(),
  offline: z.boolean().optional(),
  useBridgeCache: z.boolean().optional(),
  probeWrite: z.boolean().optional(),
  /** Sign in first (the browser opens for the IAM's login), so the token, scope and expiry checks run with a real token. */
  signIn: z.boolean().optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
}).strict();

export const verifyInputSchema = z.object({
  url,
  clientId: z.string().max(512),
  scopes: scopes.optional(),
  /** Keep the tokens after the run (encrypted where the door can; see the settings' note). */
  rememberSignIn: z.boolean().optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional(),
}).strict();

export const routeInputSchema = z.object({
  url,
  clientId: z.string().max(512).optional(),
  scopes: scopes.optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
}).strict();

export const connectorInputSchema = z.object({
  url,
  clientId: z.string().max(512).optional(),
  scopes: scopes.optional(),
  /** The connector's name in Claude (default "Hanzo IAM"). */
  name: entryName.optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
}).strict();

export const bundleInputSchema = z.object({
  url,
  clientId: z.string().trim().min(1).max(512),
  scopes: scopes.optional(),
  callbackPort: z.number().int().min(1).max(65535).optional(),
  allowHttp: z.boolean().optional(),
  /** An absolute folder to write the .mcpb into (default: the folder of Claude Desktop's config file). */
  folder: z.string().max(4096).optional(),
}).strict();

export const redirectCheckInputSchema = z.object({
  url,
  clientId: z.string().trim().min(1).max(512),
  scopes: scopes.optional(),
}).strict();

export const bridgeEntrySchema = z.object({ name: entryName }).strict();

export const openPathTargetSchema = z.enum(['config-folder', 'claude-logs', 'backups']);
export const reportFormatSchema = z.enum(['md', 'json']);
export const settingsPatchSchema = z.object({
  recentInstances: z.array(recentInstanceSchema).max(10).optional(),
  lastPage: z.enum(['setup', 'troubleshoot', 'backups']).optional(),
  route: routeIdSchema.optional(),
}).strict();

interface MethodSpec {
  args: z.ZodTuple;
  value: z.ZodType;
}

export const apiContract = {
  probeInstance: { args: z.tuple([url]), value: probeSummarySchema },
  locateConfig: { args: z.tuple([]), value: configLocationSchema },
  /** Works on another config file from now on (a full path to a .json file); '' goes back to the default. */
  chooseConfigFile: { args: z.tuple([z.string().max(4096)]), value: configLocationSchema },
  /** Is Claude Desktop running, and has it read the config since it last changed? */
  claudeStatus: { args: z.tuple([]), value: claudeStatusSchema },
  /** Asks the server, without signing in, whether it accepts the entry's redirect URI(s) for this client. */
  checkRedirectUris: { args: z.tuple([redirectCheckInputSchema]), value: redirectCheckSchema },
  readEntries: { args: z.tuple([]), value: readEntriesSchema },
  previewSetup: { args: z.tuple([setupInputSchema]), value: setupPreviewSchema },
  applySetup: { args: z.tuple([setupInputSchema, sha256]), value: setupAppliedSchema },
  listBackups: { args: z.tuple([]), value: z.array(backupMetaSchema) },
  diffBackup: { args: z.tuple([id]), value: backupDiffSchema },
  restoreBackup: { args: z.tuple([id]), value: restoreSchema },
  pruneBackups: { args: z.tuple([z.number().int().min(0).max(1000)]), value: z.object({ removed: z.array(z.string()) }) },
  startDoctor: { args: z.tuple([doctorTargetSchema]), value: z.object({ runId: z.string() }) },
  startVerify: { args: z.tuple([verifyInputSchema]), value: z.object({ runId: z.string() }) },
  startBridgeVerify: { args: z.tuple([bridgeEntrySchema]), value: z.object({ runId: z.string() }) },
  getRun: { args: z.tuple([runId]), value: runInfoSchema },
  cancel: { args: z.tuple([runId]), value: z.object({ cancelled: z.boolean() }) },
  exportReport: { args: z.tuple([runId, reportFormatSchema]), value: reportSchema },
  previewFix: { args: z.tuple([runId, id]), value: fixPreviewSchema },
  applyFix: { args: z.tuple([runId, id, sha256]), value: fixAppliedSchema },
  /** The entry's name ('' for mcp.log alone). */
  readClaudeLogs: { args: z.tuple([z.string().max(200)]), value: claudeLogsSchema },
  openPath: { args: z.tuple([openPathTargetSchema]), value: z.object({ path: z.string(), opened: z.boolean() }) },
  copyText: { args: z.tuple([z.string().max(100_000)]), value: z.object({ copied: z.boolean() }) },
  routeTable: { args: z.tuple([routeInputSchema]), value: routeTableSchema },
  connectorChecks: { args: z.tuple([connectorInputSchema]), value: connectorReportSchema },
  buildBundle: { args: z.tuple([bundleInputSchema]), value: bundleBuiltSchema },
  getSettings: { args: z.tuple([]), value: settingsSchema },
  saveSettings: { args: z.tuple([settingsPatchSchema]), value: settingsSchema },
} as const satisfies Record<ApiMethod, MethodSpec>;

export type ApiArgs<M extends ApiMethod> = z.infer<(typeof apiContract)[M]['args']>;
export type ApiValue<M extends ApiMethod> = z.infer<(typeof apiContract)[M]['value']>;
export type SetupInput = z.infer<typeof setupInputSchema>;
export type DoctorTargetInput = z.infer<typeof doctorTargetSchema>;
export type VerifyInput = z.infer<typeof verifyInputSchema>;
export type RouteInput = z.infer<typeof routeInputSchema>;
export type ConnectorInput = z.infer<typeof connectorInputSchema>;
export type BundleInput = z.infer<typeof bundleInputSchema>;
export type RedirectCheckInput = z.infer<typeof redirectCheckInputSchema>;
export type BridgeEntryInput = z.infer<typeof bridgeEntrySchema>;
export type OpenPathTarget = z.infer<typeof openPathTargetSchema>;
export type ReportFormat = z.infer<typeof reportFormatSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** What the renderer calls: one named async function per method. Both doors provide exactly this. */
export type HelperApi = { [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<Result<ApiValue<M>>> };

/** The implementation main/app provides (values or a thrown error; the doors wrap them in a Result). */
export type ApiImplementation = { [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<ApiValue<M>> };

/** Validates raw arguments for a method; a failure names the first bad argument in words. */
export function parseArgs<M extends ApiMethod>(method: M, raw: unknown): { ok: true; args: ApiArgs<M> } | { ok: false; message: string; issues: unknown[] } {
  const parsed = apiContract[method].args.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data as ApiArgs<M> };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `argument ${first.path.join('.')}` : 'the arguments';
  return { ok: false, message: `${method}: ${where} ${first ? `is invalid (${first.message})` : 'are invalid'}.`, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
}
