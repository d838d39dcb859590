import { z } from 'zod';

/*
 * Data that crosses the IPC boundary or reaches the CLI's JSON output. Each type is declared once
 * as a zod schema and its TypeScript type is inferred from it, so the runtime check and the type
 * cannot drift apart.
 */

/** One declared input of a workflow, from the `user_inputs` list that Hatz returns. */
export const userInputSchema = z.object({
  variableName: z.string(),
  displayName: z.string(),
  description: z.string(),
  /** `short_answer` and `file_upload` are documented; other values are shown by their raw name. */
  variableType: z.string(),
  required: z.boolean(),
  position: z.number(),
  objectId: z.string().optional(),
});
export type UserInput = z.infer<typeof userInputSchema>;

/** A workflow or app that an API key can see, as listed by `GET /v1/app/list`. */
export const workflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['workflow', 'app']),
  inputs: z.array(userInputSchema),
});
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

const failureBase = {
  /** HTTP status of the reply that failed, when there was one. */
  status: z.number().int().optional(),
  /** `X-Request-ID` sent with the request or returned by Hatz, for support staff to quote. */
  requestId: z.string().optional(),
  /** The server's own error text, read from the error body. */
  serverMessage: z.string().optional(),
};

/** Reason an operation against the Hatz API did not succeed. */
export const failureSchema = z.discriminatedUnion('kind', [
  z.object({ ...failureBase, kind: z.literal('invalid-key') }),
  z.object({ ...failureBase, kind: z.literal('forbidden') }),
  z.object({ ...failureBase, kind: z.literal('unknown-workflow'), appId: z.string().optional() }),
  z.object({ ...failureBase, kind: z.literal('missing-input'), inputs: z.array(z.string()) }),
  z.object({ ...failureBase, kind: z.literal('bad-request') }),
  z.object({
    ...failureBase,
    kind: z.literal('rate-limited'),
    retryAfterSeconds: z.number().optional(),
  }),
  z.object({ ...failureBase, kind: z.literal('server-error') }),
  z.object({
    ...failureBase,
    kind: z.literal('network'),
    code: z.string().optional(),
    message: z.string(),
  }),
  z.object({
    ...failureBase,
    kind: z.literal('timeout'),
    phase: z.enum(['request', 'job']),
    afterMs: z.number(),
  }),
  z.object({ ...failureBase, kind: z.literal('unexpected-body'), message: z.string() }),
  z.object({ ...failureBase, kind: z.literal('redirect-blocked'), location: z.string() }),
  z.object({ ...failureBase, kind: z.literal('invalid-input'), message: z.string() }),
  z.object({
    ...failureBase,
    kind: z.literal('job-failed'),
    jobId: z.string(),
    jobError: z.string().optional(),
  }),
  z.object({ ...failureBase, kind: z.literal('job-not-found'), jobId: z.string() }),
  z.object({ ...failureBase, kind: z.literal('cancelled') }),
]);
export type Failure = z.infer<typeof failureSchema>;
export type FailureKind = Failure['kind'];

/** Outcome of an operation: a value, or a failure that the UI and CLI explain. */
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), failure: failureSchema }),
  ]);
}

/**
 * A body too large for one IPC message, kept in the main process. The renderer reads it in pieces
 * with `bodies.read`; the field it replaces is then empty.
 */
export const heldBodySchema = z.object({ id: z.string(), length: z.number().int().nonnegative() });
export type HeldBody = z.infer<typeof heldBodySchema>;

/** One HTTP request and its reply, as the response pane shows it. The API key is never included. */
export const httpExchangeSchema = z.object({
  method: z.string(),
  url: z.string(),
  requestId: z.string(),
  /** Request headers with `X-API-Key` replaced by a masked form such as `••••abcd`. */
  requestHeaders: z.array(z.tuple([z.string(), z.string()])),
  requestBody: z.string().optional(),
  startedAt: z.string(),
  durationMs: z.number(),
  /** Null when no reply arrived (network failure or timeout). */
  status: z.number().int().nullable(),
  statusText: z.string(),
  responseHeaders: z.array(z.tuple([z.string(), z.string()])),
  responseBody: z.string(),
  /** Set, and `responseBody` empty, when the body stayed in the main process. */
  heldResponseBody: heldBodySchema.optional(),
  /** True when the body was cut at the size limit. */
  responseBodyTruncated: z.boolean(),
});
export type HttpExchange = z.infer<typeof httpExchangeSchema>;

/** A job's state as read from the job-status endpoint, whose reply shape is not documented. */
export const jobSnapshotSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'completed', 'failed']),
  /** The status word exactly as the server sent it. */
  rawStatus: z.string(),
  outputs: z.unknown().optional(),
  jobError: z.string().optional(),
  /** The reply body as received, always kept because its shape is a guess. */
  rawBody: z.string(),
  /** Set, and `rawBody` empty, when the body stayed in the main process. */
  heldRawBody: heldBodySchema.optional(),
  checkedAt: z.string(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;

/**
 * Stage of a run. `started` ends a run sent without following its job, so the job was started
 * and its outcome is not known.
 */
export const runPhaseSchema = z.enum([
  'sending',
  'following',
  'started',
  'completed',
  'failed',
  'cancelled',
]);
export type RunPhase = z.infer<typeof runPhaseSchema>;

/** Everything known about one run so far; each change is sent to the UI as a whole snapshot. */
export const runSnapshotSchema = z.object({
  runId: z.string(),
  appId: z.string(),
  phase: runPhaseSchema,
  exchange: httpExchangeSchema.optional(),
  jobId: z.string().optional(),
  job: jobSnapshotSchema.optional(),
  failure: failureSchema.optional(),
  timeline: z.array(z.object({ at: z.string(), label: z.string() })),
});
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;
