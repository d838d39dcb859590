import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';

import { historyDirectory, resolveDataDirectory } from '../core/data-directory.ts';
import type { BuildHistoryRecordOptions } from '../core/history/build-history-record.ts';
import { recordRun } from '../core/history/record-run.ts';
import { openHistoryStore, type HistoryStore } from '../core/history-store.ts';
import { UsageError, type CliIo } from './cli-io.ts';

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
 * Rejects a data directory that commands only read from (history, rerun) when it does not exist
 * or is not a folder, so that a mistyped `--data-dir` is not mistaken for an empty history.
 * Returns false, without an error, when the app's own directory does not exist yet, because then
 * no run has been kept.
 */
export async function checkDataDirectoryToRead(
  dataDirectory: string,
  isGiven: boolean,
): Promise<boolean> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dataDirectory)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!isGiven) return false;
    throw new UsageError(
      `The data directory "${dataDirectory}" given with --data-dir does not exist, so it has no kept runs. Check the path; a command that keeps runs creates it on its first run.`,
    );
  }
  if (!isFolder) {
    throw new UsageError(
      `The data directory "${dataDirectory}" is a file, not a folder. Pass the folder the runs are kept in with --data-dir.`,
    );
  }
  return true;
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
