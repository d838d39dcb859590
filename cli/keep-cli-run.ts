import { homedir } from 'node:os';

import { historyDirectory, resolveDataDirectory } from '../core/data-directory.ts';
import type { BuildHistoryRecordOptions } from '../core/history/build-history-record.ts';
import { recordRun } from '../core/history/record-run.ts';
import { openHistoryStore, type HistoryStore } from '../core/history-store.ts';
import type { CliIo } from './cli-io.ts';

/** Help text of `--data-dir`, shared by every command that reads or writes history. */
export const DATA_DIR_HELP = `  --data-dir DIR       directory of the app's data, history included (default: the app's own,
                       ${resolveDataDirectory()})`;

/** Returns the data directory that `--data-dir` names, or the app's own as `env` places it. */
export function readDataDirectory(
  value: string | undefined,
  env: Record<string, string | undefined>,
): string {
  if (value !== undefined && value !== '') return value;
  return resolveDataDirectory({ platform: process.platform, env, homeDirectory: homedir() });
}

/**
 * Opens the history in `dataDirectory` for CLI writes, without compacting files another process
 * may be appending to. Returns undefined, after a warning on standard error, when it cannot open.
 */
export async function openCliHistory(
  dataDirectory: string,
  io: CliIo,
): Promise<HistoryStore | undefined> {
  try {
    return await openHistoryStore({
      directory: historyDirectory(dataDirectory),
      isCompactedOnOpen: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`Warning: history in ${dataDirectory} could not be opened: ${reason}\n`);
    return undefined;
  }
}

/**
 * Keeps a CLI run in the same history as the app's runs. A failure to write is reported on
 * standard error and does not change the exit code, because the run itself already happened.
 */
export async function keepCliRun(
  dataDirectory: string,
  options: Omit<BuildHistoryRecordOptions, 'source'>,
  io: CliIo,
): Promise<void> {
  let problem: string | undefined;
  try {
    const history = await openHistoryStore({
      directory: historyDirectory(dataDirectory),
      isCompactedOnOpen: false,
    });
    problem = await recordRun(history, { ...options, source: 'cli' });
    await history.close();
  } catch (error) {
    problem = `History in ${dataDirectory} could not be opened: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (problem) io.stderr.write(`Warning: ${problem}\n`);
}
