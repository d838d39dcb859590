import { z } from 'zod';

import { historyRecordSchema } from '../history/history-record.ts';
import { historyFilterSchema, historySummarySchema } from '../history/history-summary.ts';
import { retentionSchema } from '../history/retention.ts';
import { resultSchema } from '../schemas.ts';
import { snippetLanguageSchema } from '../snippets.ts';
import { emptyRequest } from './empty-request.ts';

const MAX_IDS = 100_000;
const idSchema = z.string().min(1).max(200);
const MAX_INPUTS_TEXT_LENGTH = 5 * 1024 * 1024;

/** The request a snippet sends: a run in history, or the request in the editor now. */
const snippetSourceSchema = z.union([
  z.object({ historyId: idSchema }).strict(),
  z
    .object({
      appId: z.string().max(200),
      inputsText: z.string().max(MAX_INPUTS_TEXT_LENGTH),
      isDraft: z.boolean(),
    })
    .strict(),
]);

export const historyChannels = {
  'history.list': {
    request: historyFilterSchema
      .extend({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(1000),
      })
      .strict(),
    reply: z.object({
      total: z.number(),
      entries: z.array(historySummarySchema),
      workflows: z.array(z.object({ appId: z.string(), name: z.string() })),
      keys: z.array(z.object({ label: z.string(), lastFour: z.string() })),
      /** Skipped lines and moved files, in words, since history was opened. */
      problems: z.array(z.string()),
      /** False while older runs are still being read, so `total` counts only those read so far. */
      isComplete: z.boolean(),
    }),
  },
  'history.get': {
    request: z.object({ id: idSchema }).strict(),
    reply: z.object({ record: historyRecordSchema.nullable() }),
  },
  'history.delete': {
    request: z.object({ ids: z.array(idSchema).min(1).max(MAX_IDS) }).strict(),
    reply: z.object({ count: z.number() }),
  },
  'history.restore': {
    request: z.object({ ids: z.array(idSchema).min(1).max(MAX_IDS) }).strict(),
    reply: z.object({ count: z.number() }),
  },
  'history.pin': {
    request: z.object({ id: idSchema, pinned: z.boolean() }).strict(),
    reply: z.object({ changed: z.boolean() }),
  },
  'history.clear': {
    request: z.object({ keepPinned: z.boolean() }).strict(),
    reply: z.object({ count: z.number() }),
  },
  'history.getRetention': { request: emptyRequest, reply: retentionSchema },
  'history.setRetention': { request: retentionSchema.strict(), reply: retentionSchema },
  'history.export': {
    request: z
      .object({ ids: z.array(idSchema).min(1).max(MAX_IDS), format: z.enum(['json', 'csv']) })
      .strict(),
    reply: z.object({ text: z.string(), fileName: z.string(), count: z.number() }),
  },
  'history.snippet': {
    request: z
      .object({
        source: snippetSourceSchema,
        language: snippetLanguageSchema,
        /** True writes the key itself into the snippet; the user must choose it each time. */
        includeKey: z.boolean(),
      })
      .strict(),
    reply: resultSchema(z.object({ text: z.string() })),
  },
} as const;

export const historyEvents = {
  /** History changed in the main process: a run was kept, or keeping it failed. */
  'history.changed': z.object({ problem: z.string().optional() }),
} as const;
