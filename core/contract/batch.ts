import { z } from 'zod';

import {
  batchProgressSchema,
  batchRowResultSchema,
  batchRowSchema,
  columnMappingSchema,
  rowsTableSchema,
} from '../batch/batch-schemas.ts';
import { MAX_BATCH_ROWS, MAX_ROWS_FILE_BYTES } from '../csv-rows.ts';
import { resultSchema, userInputSchema } from '../schemas.ts';

/** Base64 of the largest rows file: four characters per three bytes. */
const MAX_CONTENT_BASE64_LENGTH = Math.ceil(MAX_ROWS_FILE_BYTES / 3) * 4;
const MAX_INPUTS = 500;
const id = z.string().max(100);
const inputs = z.array(userInputSchema).max(MAX_INPUTS);
const assignments = z.record(z.string().max(1000), z.string().max(1000).nullable());

/** A loaded file as the Batch view shows it; the records themselves stay in the main process. */
const loadedRowsSchema = z.object({
  loadId: id,
  format: rowsTableSchema.shape.format,
  encoding: rowsTableSchema.shape.encoding,
  delimiter: rowsTableSchema.shape.delimiter,
  columns: z.array(z.string()),
  mapping: columnMappingSchema,
  rows: z.array(batchRowSchema),
});
export type LoadedRowsView = z.infer<typeof loadedRowsSchema>;

export const batchChannels = {
  'batch.load': {
    request: z
      .object({
        fileName: z.string().max(1000),
        /** The file's bytes in base64, because the test bridge passes JSON only. */
        contentBase64: z.string().max(MAX_CONTENT_BASE64_LENGTH),
        inputs,
      })
      .strict(),
    reply: resultSchema(loadedRowsSchema),
  },
  'batch.remap': {
    request: z.object({ loadId: id, inputs, assignments }).strict(),
    reply: resultSchema(loadedRowsSchema),
  },
  'batch.start': {
    request: z
      .object({
        loadId: id,
        appId: z.string().max(200),
        isDraft: z.boolean(),
        inputs,
        assignments,
        skipRows: z.array(z.number().int()).max(MAX_BATCH_ROWS),
        /** Inputs JSON that the user wrote for rows that had problems. */
        fixedRows: z
          .array(z.object({ rowNumber: z.number().int(), inputsText: z.string().max(1024 * 1024) }))
          .max(MAX_BATCH_ROWS),
        concurrency: z.number().int().min(1).max(20),
        ratePerMinute: z.number().positive().max(100_000).nullable(),
      })
      .strict(),
    reply: resultSchema(z.object({ batchId: z.string(), total: z.number().int() })),
  },
  'batch.control': {
    request: z
      .object({ batchId: id, action: z.enum(['pause', 'resume', 'stop', 'retryFailed']) })
      .strict(),
    reply: z.object({ isApplied: z.boolean() }),
  },
  'batch.export': {
    request: z.object({ batchId: id, format: z.enum(['csv', 'json']) }).strict(),
    reply: resultSchema(z.object({ fileName: z.string(), text: z.string() })),
  },
} as const;

export const batchEvents = {
  'batch.progress': batchProgressSchema,
  'batch.result': batchRowResultSchema.extend({ batchId: z.string() }),
} as const;
