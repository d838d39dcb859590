import { z } from 'zod';

import { failureSchema } from '../schemas.ts';

/*
 * Data of batch runs that crosses the IPC boundary or reaches the CLI's JSON output. Each type is
 * declared once as a zod schema and its TypeScript type is inferred from it.
 */

/** Mapping of each column of a rows file to the workflow's declared inputs. */
export const columnMappingSchema = z.object({
  /** Column name to the input it fills, or null when the column is not sent. */
  assignments: z.record(z.string(), z.string().nullable()),
  /** Columns that match an input only by case or spelling; not sent until the user accepts. */
  suggestions: z.array(
    z.object({ column: z.string(), input: z.string(), reason: z.enum(['case', 'spelling']) }),
  ),
  /** Required inputs that no column fills. */
  missingRequired: z.array(z.string()),
  /** Columns that fill no input and have no suggestion. */
  extraColumns: z.array(z.string()),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** One row of the file after mapping and checking. */
export const batchRowSchema = z.object({
  /** 1-based position among the file's rows, header excluded. */
  rowNumber: z.number().int(),
  /** 1-based line of the file where the row starts. */
  line: z.number().int(),
  /** The inputs object to send, as JSON text. */
  inputsText: z.string(),
  /** Reasons the row cannot be sent as it is, empty when it can. */
  problems: z.array(z.string()),
});
export type BatchRow = z.infer<typeof batchRowSchema>;

/** A rows file after decoding and parsing, before mapping. */
export const rowsTableSchema = z.object({
  format: z.enum(['csv', 'json', 'jsonl']),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
  /** The CSV delimiter, absent for JSON and JSON Lines. */
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  columns: z.array(z.string()),
  records: z.array(
    z.object({
      line: z.number().int(),
      /** Column name to value: text from CSV, any JSON value from JSON. */
      values: z.record(z.string(), z.unknown()),
      /** A problem found while reading the record, such as invalid JSON on its line. */
      problem: z.string().optional(),
    }),
  ),
});
export type RowsTable = z.infer<typeof rowsTableSchema>;

export const batchRowStatusSchema = z.enum([
  /** The job completed. */
  'completed',
  /** The job was started and not followed, because following was turned off. */
  'started',
  /** The run request or the job failed. */
  'failed',
  /** Stopped while running; its job may still run on Hatz. */
  'cancelled',
  /** Stopped before its run request was sent. */
  'not-sent',
  /** Left out by the user, for instance because its inputs had problems. */
  'skipped',
]);
export type BatchRowStatus = z.infer<typeof batchRowStatusSchema>;

/** The one final result of a row. */
export const batchRowResultSchema = z.object({
  rowNumber: z.number().int(),
  status: batchRowStatusSchema,
  /** The job's status word as Hatz sent it. */
  jobStatus: z.string().nullable(),
  jobId: z.string().nullable(),
  /** The start of the outputs on one line, or the failure in words. */
  outputSummary: z.string(),
  outputs: z.unknown().optional(),
  requestId: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  /** From the first run request to the end of following, in ms. */
  durationMs: z.number().nullable(),
  /** Run requests sent for this row, counting those that Hatz rejected with 429. */
  attempts: z.number().int(),
  failure: failureSchema.optional(),
  inputsText: z.string(),
});
export type BatchRowResult = z.infer<typeof batchRowResultSchema>;

export const batchStateSchema = z.enum(['running', 'paused', 'stopping', 'stopped', 'finished']);
export type BatchState = z.infer<typeof batchStateSchema>;

export const batchProgressSchema = z.object({
  batchId: z.string(),
  state: batchStateSchema,
  total: z.number().int(),
  counts: z.record(batchRowStatusSchema, z.number().int()),
  inFlight: z.number().int(),
  pending: z.number().int(),
  /** Run requests that Hatz rejected with 429 so far. */
  rateLimited: z.number().int(),
  /** Runs per minute the runner allows now, lowered after a 429; null when unlimited. */
  effectiveRatePerMinute: z.number().nullable(),
  elapsedMs: z.number(),
  /** An estimate of the time left, null until a run has ended. */
  etaMs: z.number().nullable(),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;
