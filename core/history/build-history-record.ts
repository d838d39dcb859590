import { lastFour, maskKey } from '../mask-key.ts';
import type { RunSnapshot } from '../schemas.ts';
import type { HistoryRecord } from './history-record.ts';

export interface BuildHistoryRecordOptions {
  snapshot: RunSnapshot;
  workflowName?: string;
  inputsText: string;
  isDraft: boolean;
  baseUrl: string;
  /** The key the run was sent with. Only its label and last four characters are kept. */
  key: { label: string; apiKey: string } | null;
  source: 'app' | 'cli';
  batchId?: string;
  startedAt: Date;
  endedAt: Date;
}

/**
 * Builds the history record of an ended run. Any copy of the key that a server echoed into a
 * reply is replaced by its masked form, so history never contains the key.
 */
export function buildHistoryRecord(options: BuildHistoryRecordOptions): HistoryRecord {
  const { snapshot } = options;
  const record: HistoryRecord = {
    id: snapshot.runId,
    time: options.startedAt.toISOString(),
    source: options.source,
    request: {
      appId: snapshot.appId,
      workflowName: options.workflowName ?? '',
      inputsText: options.inputsText,
      isDraft: options.isDraft,
      baseUrl: options.baseUrl,
    },
    phase: snapshot.phase,
    timeline: snapshot.timeline,
    totalMs: options.endedAt.getTime() - options.startedAt.getTime(),
    key: options.key ? { label: options.key.label, lastFour: lastFour(options.key.apiKey) } : null,
    pinned: false,
  };
  if (snapshot.exchange) record.exchange = snapshot.exchange;
  if (snapshot.jobId !== undefined) record.jobId = snapshot.jobId;
  if (snapshot.job) record.job = snapshot.job;
  if (snapshot.failure) record.failure = snapshot.failure;
  const requestId = snapshot.exchange?.requestId ?? snapshot.failure?.requestId;
  if (requestId !== undefined) record.requestId = requestId;
  if (options.batchId !== undefined) record.batchId = options.batchId;

  const apiKey = options.key?.apiKey ?? '';
  const text = JSON.stringify(record);
  if (apiKey.length < 4 || !text.includes(apiKey)) return record;
  return JSON.parse(text.replaceAll(apiKey, maskKey(apiKey))) as HistoryRecord;
}
