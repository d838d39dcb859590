import { z } from 'zod';

import { runPhaseSchema } from '../schemas.ts';
import { historyKeySchema, type HistoryRecord } from './history-record.ts';

const PREVIEW_LENGTH = 200;
/**
 * Text of one field kept in memory for search. Longer inputs and outputs are searched only in
 * their first part, so 100,000 runs with large outputs still fit in memory.
 */
const MAX_SEARCH_FIELD_LENGTH = 8192;

/** One row of the history list: what the list shows and filters on, without the full reply. */
export const historySummarySchema = z.object({
  id: z.string(),
  time: z.string(),
  source: z.enum(['app', 'cli']),
  appId: z.string(),
  workflowName: z.string(),
  isDraft: z.boolean(),
  phase: runPhaseSchema,
  httpStatus: z.number().nullable(),
  requestId: z.string(),
  key: historyKeySchema.nullable(),
  batchId: z.string().optional(),
  pinned: z.boolean(),
  totalMs: z.number(),
  inputsPreview: z.string(),
  outputPreview: z.string(),
});
export type HistorySummary = z.infer<typeof historySummarySchema>;

/** Filters of a history query; every filter that is set must match. */
export const historyFilterSchema = z.object({
  /** Words searched case-insensitively in workflow name, inputs, outputs, status and request id. */
  search: z.string().max(500).optional(),
  phase: runPhaseSchema.optional(),
  appId: z.string().max(200).optional(),
  keyLastFour: z.string().max(8).optional(),
  /** ISO 8601 times; `from` is inclusive and `to` exclusive. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

/** A summary with the lower-cased text that search looks in. */
export interface IndexedSummary {
  summary: HistorySummary;
  searchText: string;
}

export function summarizeRecord(record: HistoryRecord): IndexedSummary {
  const outputText = describeOutputs(record.job?.outputs);
  const requestId =
    record.requestId ?? record.exchange?.requestId ?? record.failure?.requestId ?? '';
  const httpStatus = record.exchange?.status ?? null;
  const summary: HistorySummary = {
    id: record.id,
    time: record.time,
    source: record.source,
    appId: record.request.appId,
    workflowName: record.request.workflowName,
    isDraft: record.request.isDraft,
    phase: record.phase,
    httpStatus,
    requestId,
    key: record.key,
    pinned: record.pinned,
    totalMs: record.totalMs,
    inputsPreview: copyString(record.request.inputsText.slice(0, PREVIEW_LENGTH)),
    outputPreview: copyString(outputText.slice(0, PREVIEW_LENGTH)),
  };
  if (record.batchId !== undefined) summary.batchId = record.batchId;

  const searchText = [
    record.request.workflowName,
    record.request.appId,
    record.phase,
    httpStatus === null ? '' : String(httpStatus),
    record.job?.rawStatus ?? '',
    record.failure?.kind ?? '',
    requestId,
    record.jobId ?? '',
    record.id,
    decodeJsonEscapes(record.request.inputsText.slice(0, MAX_SEARCH_FIELD_LENGTH)),
    decodeJsonEscapes(outputText.slice(0, MAX_SEARCH_FIELD_LENGTH)),
    (record.job?.jobError ?? record.failure?.serverMessage ?? '').slice(0, MAX_SEARCH_FIELD_LENGTH),
  ]
    .join('\n')
    .toLowerCase();
  return { summary, searchText };
}

const JSON_ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g;
const ESCAPED_CHARACTERS: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Replaces JSON string escapes by the characters they stand for, so a search for `"Sons"` or
 * `C:\Users` finds inputs and outputs kept as JSON text, where they read `\"Sons\"` and
 * `C:\\Users`. It works on any text, so a body cut at the search limit still reads.
 */
function decodeJsonEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(JSON_ESCAPE, (_match, escape: string) =>
    escape.length === 5
      ? String.fromCharCode(Number.parseInt(escape.slice(1), 16))
      : (ESCAPED_CHARACTERS[escape] ?? escape),
  );
}

/** Returns whether a summary passes every filter that is set. */
export function matchesFilter(entry: IndexedSummary, filter: HistoryFilter, words: string[]) {
  const { summary } = entry;
  if (filter.phase !== undefined && summary.phase !== filter.phase) return false;
  if (filter.appId !== undefined && summary.appId !== filter.appId) return false;
  if (filter.keyLastFour !== undefined && summary.key?.lastFour !== filter.keyLastFour) {
    return false;
  }
  if (filter.from !== undefined && summary.time < filter.from) return false;
  if (filter.to !== undefined && summary.time >= filter.to) return false;
  return words.every((word) => entry.searchText.includes(word));
}

/** Splits a search into lower-cased words, all of which must occur. */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * Returns a job's outputs as text: a string as it is, `{ "output": "…" }` unwrapped, anything
 * else as JSON.
 */
export function describeOutputs(outputs: unknown): string {
  if (outputs === undefined || outputs === null) return '';
  if (typeof outputs === 'string') return outputs;
  if (typeof outputs === 'object' && !Array.isArray(outputs)) {
    const inner = (outputs as Record<string, unknown>).output;
    if (typeof inner === 'string') return inner;
  }
  return JSON.stringify(outputs, null, 2) ?? '';
}

/**
 * Returns a copy of a string that does not share memory with the string it was cut from. V8
 * keeps a whole string alive while a slice of it is, which would keep every full output in memory.
 */
function copyString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
