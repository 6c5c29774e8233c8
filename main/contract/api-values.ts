/**
 * zod schemas of what the API's methods answer and what progress events carry. Types are derived
 * from them (z.infer), so the renderer, both doors and main/app agree by construction.
 */
import { z } from 'zod';

export const checkResultSchema = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'skip']),
  title: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  cause: z.string().optional(),
  fix: z.string().optional(),
  /** The fix as data: a stable action id and its parameters (docs/fix-actions.md). */
  fixAction: z.object({ action: z.string() }).catchall(z.union([z.string(), z.number(), z.boolean(), z.undefined()])).optional(),
  durationMs: z.number().optional(),
});

export const probeSummarySchema = z.object({
  url: z.string(),
  reachable: z.boolean(),
  /** `ok` when the URL answered like an OAuth-protected MCP endpoint. */
  verdict: z.enum(['mcp-endpoint', 'not-mcp', 'unreachable', 'invalid-url']),
  message: z.string(),
  mcpEndpoint: z.string().optional(),
  generation: z.string().optional(),
  resourceMetadataUrl: z.string().optional(),
  authorizationServer: z.string().optional(),
  issuer: z.string().optional(),
  scopesSupported: z.array(z.string()).optional(),
  registrationEndpoint: z.boolean().optional(),
  /** The authorization server's authorization_endpoint (RFC 8414), when its metadata was found. */
  authorizationEndpoint: z.string().optional(),
  durationMs: z.number(),
});

export const configLocationSchema = z.object({
  chosen: z.string(),
  reason: z.string(),
  exists: z.boolean(),
  candidates: z.array(z.object({ path: z.string(), kind: z.string(), exists: z.boolean() })),
  backupsDir: z.string(),
  /** Who chose the file: Claude Desktop's own location, the app's launch (`--config`), or the user in the app. */
  chosenBy: z.enum(['claude', 'launch', 'app']),
});

/** Whether Claude Desktop runs now, and whether it started before the config file last changed. */
export const claudeStatusSchema = z.object({
  platform: z.string(),
  /** null: this computer's process list could not be read. */
  running: z.boolean().nullable(),
  startedAt: z.string().optional(),
  configModified: z.string().optional(),
  /** Running, and started before the config file's last change: it has not read the change yet. */
  restartNeeded: z.boolean(),
});

/** Whether the server accepts each redirect URI of the entry for this client (asked without signing in). */
export const redirectCheckSchema = z.object({
  /** How the server was asked: Casdoor's `GET /api/get-app-login`, or the authorization request itself. */
  method: z.string(),
  results: z.array(z.object({
    uri: z.string(),
    verdict: z.enum(['accepted', 'refused', 'client-unknown', 'server-error', 'unclear']),
    /** The server's own words, when it said any (redacted). */
    said: z.string().optional(),
  })),
});

export const entrySummarySchema = z.object({
  name: z.string(),
  kind: z.enum(['ours', 'other', 'broken']),
  summary: z.string(),
  url: z.string().optional(),
  clientId: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  redirectUri: z.string().optional(),
  problem: z.string().optional(),
});

export const readEntriesSchema = z.object({
  configPath: z.string(),
  exists: z.boolean(),
  /** Set when the file cannot be read as a config (invalid JSON, wrong shape). */
  problem: z.object({
    code: z.string(), message: z.string(),
    /** A repair that keeps every server (only trailing commas and comments removed), when there is one. */
    repairs: z.array(z.string()).optional(),
  }).optional(),
  entries: z.array(entrySummarySchema),
});

export const setupPreviewSchema = z.object({
  configPath: z.string(),
  name: z.string(),
  changed: z.boolean(),
  created: z.boolean(),
  replacedEntry: z.boolean(),
  diff: z.string(),
  redirectUris: z.array(z.string()),
  scopes: z.array(z.string()),
  warnings: z.array(z.string()),
  /** sha256 (hex) of the file's bytes the preview was computed from; empty string when absent. */
  sha256: z.string(),
  /** With replaceInvalid: the servers the unreadable file still names, which the new file does not carry (the backup keeps them). */
  droppedServers: z.array(z.string()).optional(),
  /** With repairInvalid: what the repair removes (the rest of the file is kept). */
  repairs: z.array(z.string()).optional(),
});

export const backupMetaSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  sourcePath: z.string(),
  size: z.number(),
  sha256: z.string(),
  reason: z.string(),
});

export const setupAppliedSchema = z.object({
  configPath: z.string(),
  changed: z.boolean(),
  created: z.boolean(),
  backup: backupMetaSchema.nullable(),
  diff: z.string(),
  redirectUris: z.array(z.string()),
  restartClaudeDesktop: z.boolean(),
});

export const backupDiffSchema = z.object({ id: z.string(), target: z.string(), identical: z.boolean(), diff: z.string() });
export const restoreSchema = z.object({ targetPath: z.string(), changed: z.boolean(), restoredId: z.string(), safetyBackupId: z.string().optional() });

export const runStatusSchema = z.enum(['running', 'passed', 'failed', 'cancelled', 'error']);
export const runKindSchema = z.enum(['doctor', 'verify', 'bridge-verify']);

export const runInfoSchema = z.object({
  runId: z.string(),
  kind: runKindSchema,
  status: runStatusSchema,
  cancelled: z.boolean(),
  steps: z.array(checkResultSchema),
  summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number() }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const fixPreviewSchema = z.object({
  runId: z.string(),
  findingId: z.string(),
  action: z.string(),
  description: z.string(),
  configPath: z.string().optional(),
  diff: z.string(),
  sha256: z.string(),
});

export const fixAppliedSchema = z.object({
  action: z.string(),
  changed: z.boolean(),
  backupId: z.string().optional(),
  message: z.string(),
});

/** The tail of Claude Desktop's MCP logs (redacted); a line matching a known failure names its cause and check. */
export const claudeLogsSchema = z.object({
  searched: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), lines: z.array(z.object({ text: z.string(), cause: z.string().optional(), check: z.string().optional() })) })),
});

export const reportSchema = z.object({ format: z.enum(['md', 'json']), fileName: z.string(), text: z.string() });

export const recentInstanceSchema = z.object({
  url: z.string().max(2048),
  clientId: z.string().max(512),
  scopes: z.string().max(1024),
});

/** Claude Desktop's three ways to reach the MCP server (docs/claude-routes.md). */
export const routeIdSchema = z.enum(['connector', 'bundle', 'bridge']);

export const routeTableSchema = z.object({
  url: z.string(),
  clientId: z.string().optional(),
  routes: z.array(z.object({
    route: routeIdSchema,
    title: z.string(),
    works: z.enum(['yes', 'no', 'maybe']),
    reason: z.string(),
    fix: z.string().optional(),
    decidedBy: z.string().optional(),
  })),
  recommended: routeIdSchema.optional(),
  recommendation: z.string(),
  checks: z.array(checkResultSchema),
});

export const connectorReportSchema = z.object({
  instructions: z.object({
    where: z.string(),
    fields: z.array(z.object({ field: z.string(), value: z.string(), note: z.string().optional() })),
    registerRedirectUris: z.array(z.string()),
  }),
  checks: z.array(checkResultSchema),
  summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number() }),
  durationMs: z.number(),
});

export const bundleBuiltSchema = z.object({
  /** Absolute path of the written .mcpb. */
  path: z.string(),
  fileName: z.string(),
  folder: z.string(),
  size: z.number(),
  mcpRemoteVersion: z.string(),
  callbackPort: z.number(),
  redirectUris: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const settingsSchema = z.object({
  recentInstances: z.array(recentInstanceSchema).max(10),
  lastPage: z.enum(['setup', 'troubleshoot', 'backups']),
  /** The route the user chose in the setup wizard (absent until they choose). */
  route: routeIdSchema.optional(),
  /** Prefill for the setup page (a demo or `--url`/`--client-id` launch). */
  prefill: recentInstanceSchema.optional(),
  /** Which door the page talks through, and whether sign-ins can be remembered there. */
  door: z.enum(['electron', 'browser']).optional(),
  rememberSignInAvailable: z.boolean().optional(),
  rememberSignInNote: z.string().optional(),
});

/** Progress of a run: every event carries the run id and a per-run sequence number from 1. */
export const progressEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step'), runId: z.string(), seq: z.number(), phase: z.enum(['start', 'end']), id: z.string(), title: z.string(), result: checkResultSchema.optional() }),
  z.object({ type: z.literal('note'), runId: z.string(), seq: z.number(), message: z.string() }),
  z.object({ type: z.literal('done'), runId: z.string(), seq: z.number(), status: runStatusSchema, cancelled: z.boolean() }),
]);

export type CheckResultValue = z.infer<typeof checkResultSchema>;
export type ProbeSummary = z.infer<typeof probeSummarySchema>;
export type ConfigLocationValue = z.infer<typeof configLocationSchema>;
export type ClaudeStatusValue = z.infer<typeof claudeStatusSchema>;
export type RedirectCheckValue = z.infer<typeof redirectCheckSchema>;
export type EntrySummary = z.infer<typeof entrySummarySchema>;
export type ReadEntriesValue = z.infer<typeof readEntriesSchema>;
export type SetupPreview = z.infer<typeof setupPreviewSchema>;
export type SetupApplied = z.infer<typeof setupAppliedSchema>;
export type BackupMetaValue = z.infer<typeof backupMetaSchema>;
export type RunInfo = z.infer<typeof runInfoSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type FixPreview = z.infer<typeof fixPreviewSchema>;
export type FixApplied = z.infer<typeof fixAppliedSchema>;
export type ReportValue = z.infer<typeof reportSchema>;
export type ClaudeLogsValue = z.infer<typeof claudeLogsSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type RecentInstance = z.infer<typeof recentInstanceSchema>;
export type RouteId = z.infer<typeof routeIdSchema>;
export type RouteTableValue = z.infer<typeof routeTableSchema>;
export type ConnectorReportValue = z.infer<typeof connectorReportSchema>;
export type BundleBuilt = z.infer<typeof bundleBuiltSchema>;
export type ProgressEventValue = z.infer<typeof progressEventSchema>;
