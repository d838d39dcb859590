import type { HistoryStore } from '../history-store.ts';
import { buildHistoryRecord, type BuildHistoryRecordOptions } from './build-history-record.ts';

/**
 * Keeps an ended run in history. Resolves with a message instead of rejecting when the write
 * fails, because a full disk must not turn a finished run into an error.
 */
export async function recordRun(
  history: HistoryStore,
  options: BuildHistoryRecordOptions,
): Promise<string | undefined> {
  try {
    await history.append(buildHistoryRecord(options));
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The run ${options.snapshot.runId} could not be kept in history: ${reason}`;
  }
}
