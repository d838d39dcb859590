import { z } from 'zod';

import {
  failureSchema,
  httpExchangeSchema,
  jobSnapshotSchema,
  runPhaseSchema,
  type RunPhase,
} from '../schemas.ts';

/**
 * Version of the history line format written by this code. Version 0 lines are bare run records
 * without a `format` field; readers accept every version up to this one.
 */
export const HISTORY_FORMAT_VERSION = 1;

/** The request of a kept run, with the inputs text exactly as it was sent. */
export const historyRequestSchema = z.object({
  appId: z.string(),
  /** Empty when the run was started without a known name, as the CLI does. */
  workflowName: z.string(),
  inputsText: z.string(),
  isDraft: z.boolean(),
  baseUrl: z.string(),
});
export type HistoryRequest = z.infer<typeof historyRequestSchema>;

/** The key a run was sent with: its label and last four characters, never the key. */
export const historyKeySchema = z.object({ label: z.string(), lastFour: z.string() });
export type HistoryKey = z.infer<typeof historyKeySchema>;

/** One run as history keeps it. */
export const historyRecordSchema = z.object({
  id: z.string(),
  /** When the run started, as an ISO 8601 time. */
  time: z.string(),
  source: z.enum(['app', 'cli']),
  request: historyRequestSchema,
  phase: runPhaseSchema,
  exchange: httpExchangeSchema.optional(),
  jobId: z.string().optional(),
  job: jobSnapshotSchema.optional(),
  failure: failureSchema.optional(),
  timeline: z.array(z.object({ at: z.string(), label: z.string() })),
  /** Time from the run request to the end of following, in milliseconds. */
  totalMs: z.number(),
  requestId: z.string().optional(),
  key: historyKeySchema.nullable(),
  batchId: z.string().optional(),
  pinned: z.boolean(),
});
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/**
 * Reads a stored run record, filling fields that older versions did not write with neutral
 * values. A field that is present but malformed is dropped rather than failing the whole record,
 * so one odd field never hides a run. Returns undefined without an id and time.
 */
export function readHistoryRecord(value: unknown): HistoryRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' || typeof raw.time !== 'string') return undefined;

  const request = (
    typeof raw.request === 'object' && raw.request !== null ? raw.request : {}
  ) as Record<string, unknown>;
  const record: HistoryRecord = {
    id: raw.id,
    time: raw.time,
    source: raw.source === 'cli' ? 'cli' : 'app',
    request: {
      appId: readString(request.appId),
      workflowName: readString(request.workflowName),
      inputsText: readString(request.inputsText),
      isDraft: request.isDraft === true,
      baseUrl: readString(request.baseUrl),
    },
    phase: readPhase(raw),
    timeline: readOptional(historyRecordSchema.shape.timeline, raw.timeline) ?? [],
    totalMs: typeof raw.totalMs === 'number' ? raw.totalMs : 0,
    key: readOptional(historyKeySchema, raw.key) ?? null,
    pinned: raw.pinned === true,
  };
  const exchange = readOptional(httpExchangeSchema, raw.exchange);
  if (exchange) record.exchange = exchange;
  const job = readOptional(jobSnapshotSchema, raw.job);
  if (job) record.job = job;
  const failure = readOptional(failureSchema, raw.failure);
  if (failure) record.failure = failure;
  if (typeof raw.jobId === 'string') record.jobId = raw.jobId;
  if (typeof raw.requestId === 'string') record.requestId = raw.requestId;
  if (typeof raw.batchId === 'string') record.batchId = raw.batchId;
  return record;
}

/**
 * Reads a kept run's phase. Versions before the `started` phase kept a run sent without following
 * its job as `completed`, with a job id but no job reply. A followed run that completed always has
 * the reply, so such a record is read as `started`.
 */
function readPhase(raw: Record<string, unknown>): RunPhase {
  const phase = readOptional(runPhaseSchema, raw.phase) ?? 'failed';
  const isUnfollowed = typeof raw.jobId === 'string' && raw.job === undefined;
  return phase === 'completed' && isUnfollowed ? 'started' : phase;
}

function readString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readOptional<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
