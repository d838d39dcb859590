import { constants, type Stats } from 'node:fs';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import type { BatchProgress, BatchRow, ColumnMapping } from '../../core/batch/batch-schemas.ts';
import { formatResultsCsv, formatResultsJson } from '../../core/batch/export-results.ts';
import {
  createBatchRunner,
  MAX_BATCH_CONCURRENCY,
  type BatchRunner,
} from '../../core/batch-runner.ts';
import { loadRows, MAX_ROWS_FILE_BYTES } from '../../core/csv-rows.ts';
import { MAX_TIMER_MS, MAX_TIMER_SECONDS } from '../../core/settings.ts';
import { UsageError } from '../cli-io.ts';
import { countDone, createBatchReporter, formatDuration } from '../batch-progress.ts';
import { formatCount } from '../format-count.ts';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  createCommandClient,
  isStdoutTerminal,
  parseCommandArgs,
  readSeconds,
  type CommandIo,
} from '../command-options.ts';
import {
  EXIT_BATCH_RESULTS_NOT_WRITTEN,
  EXIT_BATCH_ROWS_FAILED,
  EXIT_INTERNAL_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  exitCodeByFailure,
  formatExitCodes,
} from '../exit-codes.ts';
import { writeFailure } from '../write-failure.ts';
import { describeAppWarning } from '../app-kind-notes.ts';
import { DATA_DIR_HELP, openCliHistory, readDataDirectory } from '../keep-cli-run.ts';
import { recordRun } from '../../core/history/record-run.ts';
import { explainFailure } from '../../core/explain-failure.ts';
import type { Failure } from '../../core/schemas.ts';

const HELP = `Usage: hatz-tester batch --app-id ID --rows FILE [options]

Runs a workflow once per row of FILE: CSV (comma, semicolon, tab or pipe), a JSON array of input
objects, or JSON Lines. Column names must match the workflow's input names. Every row is checked
before anything is sent, and each run uses Hatz credits.

Options:
  --app-id ID          the workflow's app id (a UUID)
  --rows FILE          the rows file, at most 20 MB
  --map COLUMN=INPUT   send COLUMN as input INPUT; repeat for more columns
  --skip-invalid       run the valid rows and skip rows with problems (default: send nothing)
  --concurrency N      runs in flight at once, 1 to ${MAX_BATCH_CONCURRENCY} (default 2)
  --rate N/min         run requests per minute at most, such as 30/min or 1/s (default: no limit)
  --wait               follow each job until it completes or fails (default: stop once started)
  --out FILE           write the results to FILE, as JSON if it ends in .json, CSV otherwise
  --draft              run the workflow's draft
  --job-timeout SECONDS  time allowed for each job to end with --wait (default 600)
  --poll-interval SECONDS  first wait between job status checks (default 2)
${DATA_DIR_HELP}
${CONNECTION_HELP}

Exit codes:
${formatExitCodes([
  [EXIT_OK, 'every row completed (or started, without --wait)'],
  [EXIT_INTERNAL_ERROR, 'internal error'],
  [EXIT_USAGE, 'invalid command line, unusable --rows or --out path, or missing HATZ_API_KEY'],
  [
    exitCodeByFailure['invalid-input'],
    'invalid-input: the rows file or a row has a problem, so nothing was sent',
  ],
  [EXIT_BATCH_ROWS_FAILED, 'some rows did not complete: failed, cancelled, not sent or skipped'],
  [EXIT_BATCH_RESULTS_NOT_WRITTEN, 'the rows ran, but the results could not be written to --out'],
  [exitCodeByFailure.cancelled, 'interrupted with Ctrl+C'],
])}

When GET /app/{id} cannot read the workflow, nothing is sent and the exit code is that
failure's, 3 to 12 or 15, as "hatz-tester --help" lists them.
`;

/** `hatz-tester batch`: runs a workflow once per row of a CSV, JSON or JSON Lines file. */
export async function runBatchCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...CONNECTION_OPTIONS,
    'app-id': { type: 'string' },
    rows: { type: 'string' },
    map: { type: 'string', multiple: true },
    'skip-invalid': { type: 'boolean' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    wait: { type: 'boolean' },
    out: { type: 'string' },
    draft: { type: 'boolean' },
    'job-timeout': { type: 'string' },
    'poll-interval': { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const appId = values['app-id'];
  if (appId === undefined)
    throw new UsageError("Missing --app-id. Pass the workflow's app id, a UUID.");
  if (values.rows === undefined)
    throw new UsageError('Missing --rows. Pass a CSV, JSON or JSON Lines file.');
  if (values.out !== undefined && resolve(values.out) === resolve(values.rows)) {
    throw new UsageError(
      `--out "${values.out}" is the rows file; writing the results there would replace it. Choose another file.`,
    );
  }
  if (values.out !== undefined) await checkOutPath(values.out);
  const concurrency = readConcurrency(values.concurrency);
  const ratePerMinute = readRate(values.rate);
  const assignments = readAssignments(values.map ?? []);
  const bytes = await readRowsFile(values.rows);
  const isJson = values.json === true;
  const { client, apiKey } = await createCommandClient(values, io, {
    jobTimeoutMs: readSeconds('--job-timeout', values['job-timeout'], 600),
    pollInitialMs: readSeconds('--poll-interval', values['poll-interval'], 2),
  });

  const workflow = await client.getWorkflow(appId.trim());
  if (!workflow.result.ok) {
    writeFailure(io, workflow.result.failure, isJson);
    return exitCodeByFailure[workflow.result.failure.kind];
  }
  if (workflow.result.value.kind === 'app') {
    io.stderr.write(`${describeAppWarning(workflow.result.value)}\n`);
  }
  const loaded = loadRows({
    bytes,
    fileName: values.rows,
    inputs: workflow.result.value.inputs,
    assignments,
  });
  if (!loaded.ok) {
    writeRowsFileFailure(io, values.rows, loaded.failure, isJson);
    return exitCodeByFailure[loaded.failure.kind];
  }

  const { mapping, rows } = loaded.value;
  io.stderr.write(describeMapping(mapping));
  const invalidRows = rows.filter((row) => row.problems.length > 0);
  if (invalidRows.length > 0) {
    io.stderr.write(describeInvalidRows(invalidRows));
    if (!values['skip-invalid']) {
      io.stderr.write(
        'Nothing was sent. Fix these rows, or pass --skip-invalid to run the others.\n',
      );
      if (isJson)
        io.stdout.write(`${JSON.stringify({ sent: 0, invalid_rows: invalidRows }, null, 2)}\n`);
      return exitCodeByFailure['invalid-input'];
    }
  }
  const runCount = rows.length - invalidRows.length;
  io.stderr.write(`Sending ${formatCount(runCount, 'run')}; each run uses Hatz credits.\n`);

  const reporter = createBatchReporter({
    stream: isJson ? io.stderr : io.stdout,
    isTerminal: !isJson && isStdoutTerminal(io),
  });
  // One store serves the whole batch, because opening a large history rebuilds its index.
  const dataDirectory = readDataDirectory(values['data-dir'], io.env);
  const history = await openCliHistory(dataDirectory, io);
  const pendingRecords: Promise<void>[] = [];
  const runner = createBatchRunner({
    client,
    appId: appId.trim(),
    isDraft: values.draft === true,
    rows: rows.map((row) => ({
      rowNumber: row.rowNumber,
      inputsText: row.inputsText,
      skipReason: row.problems.length > 0 ? `Skipped: ${row.problems.join(' ')}` : undefined,
    })),
    concurrency,
    ratePerMinute,
    follow: values.wait === true,
    onProgress: reporter.onProgress,
    onResult: reporter.onResult,
    onRunEnd: (event) => {
      if (!history) return;
      const recorded = recordRun(history, {
        snapshot: event.snapshot,
        workflowName: workflow.result.ok ? workflow.result.value.name : undefined,
        inputsText: event.inputsText,
        isDraft: values.draft === true,
        baseUrl: client.settings.baseUrl,
        key: { label: 'HATZ_API_KEY', apiKey },
        source: 'cli',
        batchId: event.batchId,
        startedAt: event.startedAt,
        endedAt: new Date(),
      }).then((problem) => {
        if (problem) io.stderr.write(`Warning: ${problem}\n`);
      });
      pendingRecords.push(recorded);
    },
  });

  let isInterrupted = false;
  const removeInterruptHandler = io.onInterrupt(() => {
    isInterrupted = true;
    runner.stop();
  });
  let final: BatchProgress;
  try {
    final = await runner.start();
  } finally {
    removeInterruptHandler();
    reporter.finish();
    await Promise.all(pendingRecords);
    await history?.close();
  }

  const writeProblem =
    values.out === undefined ? undefined : await writeResults(values.out, runner, appId.trim());
  io.stdout.write(isJson ? formatJsonReport(runner, final, appId.trim()) : formatSummary(final));
  if (writeProblem !== undefined) {
    io.stderr.write(`${writeProblem}\n`);
    return EXIT_BATCH_RESULTS_NOT_WRITTEN;
  }
  if (isInterrupted) return exitCodeByFailure.cancelled;
  const succeeded = final.counts.completed + final.counts.started;
  return succeeded === final.total ? EXIT_OK : EXIT_BATCH_ROWS_FAILED;
}

function readConcurrency(value: string | undefined): number {
  if (value === undefined) return 2;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > MAX_BATCH_CONCURRENCY) {
    throw new UsageError(
      `--concurrency "${value}" is not a whole number from 1 to ${MAX_BATCH_CONCURRENCY}.`,
    );
  }
  return number;
}

const RATE_UNITS_PER_MINUTE: Record<string, number> = {
  s: 60,
  sec: 60,
  m: 1,
  min: 1,
  h: 1 / 60,
  hour: 1 / 60,
};

/** Reads `30`, `30/min`, `1/s` or `100/h` as run requests per minute. */
export function readRate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(value);
  const unit = match?.[2]?.toLowerCase() ?? 'min';
  const factor = RATE_UNITS_PER_MINUTE[unit];
  const rate = match && factor !== undefined ? Number(match[1]) * factor : NaN;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`--rate "${value}" is not a rate such as 30/min, 1/s or 100/h.`);
  }
  // The wait between two run requests becomes a timer's delay.
  if (60_000 / rate > MAX_TIMER_MS) {
    throw new UsageError(
      `--rate "${value}" waits more than ${MAX_TIMER_SECONDS} seconds (about 24.8 days) between runs, the longest a timer can wait. Pass a higher rate, such as 1/h.`,
    );
  }
  return rate;
}

function readAssignments(entries: string[]): Record<string, string | null> {
  const assignments: Record<string, string | null> = {};
  for (const entry of entries) {
    const equals = entry.lastIndexOf('=');
    if (equals <= 0 || equals === entry.length - 1) {
      throw new UsageError(
        `--map "${entry}" is not COLUMN=INPUT, such as --map "Company=company_name".`,
      );
    }
    assignments[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return assignments;
}

async function readRowsFile(path: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(path);
    if (size > MAX_ROWS_FILE_BYTES) {
      throw new UsageError(
        `--rows "${path}" is ${size} bytes; the limit is ${MAX_ROWS_FILE_BYTES}. Split the file.`,
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read --rows "${path}" (${code ?? String(error)}). Check the path.`,
    );
  }
}

/**
 * Writes why the rows file cannot be used, naming the file. The message from `loadRows` already
 * ends in its fix, so the generic next step of an invalid input is left out.
 */
function writeRowsFileFailure(
  io: CommandIo,
  path: string,
  failure: Failure,
  isJson: boolean,
): void {
  const detail =
    failure.kind === 'invalid-input' ? failure.message : explainFailure(failure).detail;
  const message = `The rows file "${path}" cannot be used: ${detail}`;
  if (isJson) {
    const report = {
      sent: 0,
      rows_file: path,
      failure: { kind: failure.kind, message, title: 'Rows file not usable', detail: message },
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  io.stderr.write(`${message}\nNothing was sent.\n`);
}

function describeMapping(mapping: ColumnMapping): string {
  const lines: string[] = [];
  for (const { column, input, reason } of mapping.suggestions) {
    const why = reason === 'case' ? 'differs only by case' : 'looks like a misspelling';
    lines.push(
      `Column "${column}" is not sent: it ${why} of input "${input}". Rename it, or pass --map "${column}=${input}".`,
    );
  }
  for (const input of mapping.missingRequired)
    lines.push(`No column fills required input "${input}".`);
  if (mapping.extraColumns.length > 0) {
    lines.push(
      `Columns not sent, as no input has their name: ${mapping.extraColumns.map((column) => `"${column}"`).join(', ')}.`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Rows with problems listed one per line; a file of thousands of bad rows lists these first. */
const MAX_LISTED_INVALID_ROWS = 100;

function describeInvalidRows(rows: BatchRow[]): string {
  const lines = rows
    .slice(0, MAX_LISTED_INVALID_ROWS)
    .map((row) => `Row ${row.rowNumber} (line ${row.line}): ${row.problems.join(' ')}`);
  const unlisted = rows.length - lines.length;
  if (unlisted > 0) {
    lines.push(`… and ${formatCount(unlisted, 'more row')} with problems; --json lists them all.`);
  }
  return `${rows.length} row${rows.length === 1 ? ' has' : 's have'} problems:\n${lines.join('\n')}\n`;
}

/**
 * Rejects an `--out` path that cannot be written, before any run is sent, because the runs use
 * credits and their results would otherwise be lost at the end. The parent must be an existing
 * folder, and the path must not be a folder. The write can still fail later, on a full disk.
 */
async function checkOutPath(path: string): Promise<void> {
  if (path.trim() === '') {
    throw new UsageError('--out is empty. Name the file for the results, such as results.csv.');
  }
  const parent = dirname(resolve(path));
  const parentStats = await statOrUndefined(parent);
  if (parentStats === undefined) {
    throw new UsageError(
      `--out "${path}": the folder ${parent} does not exist. Create it first, or choose a file in an existing folder.`,
    );
  }
  if (!parentStats.isDirectory()) {
    throw new UsageError(
      `--out "${path}": ${parent} is a file, not a folder. Choose a file in an existing folder.`,
    );
  }
  const stats = await statOrUndefined(path);
  if (stats?.isDirectory()) {
    throw new UsageError(
      `--out "${path}" is a folder. Name a file in it, such as ${join(path, 'results.csv')}.`,
    );
  }
  try {
    await access(stats === undefined ? parent : path, constants.W_OK);
  } catch {
    const target = stats === undefined ? `the folder ${parent}` : 'the file';
    throw new UsageError(
      `--out "${path}": ${target} is not writable. Choose a file you can write, or change its permissions.`,
    );
  }
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes the results to `path`, as JSON when it ends in .json and CSV otherwise. Returns a message
 * when the write fails, so that the caller prints the summary of the runs first.
 */
async function writeResults(
  path: string,
  runner: BatchRunner,
  appId: string,
): Promise<string | undefined> {
  const text = path.toLowerCase().endsWith('.json')
    ? formatResultsJson(runner.results(), { batchId: runner.batchId, appId })
    : formatResultsCsv(runner.results());
  try {
    await writeFile(path, text);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The runs ended, but their results could not be written to --out "${path}": ${reason}. The summary above shows how they ended, and "hatz-tester history" lists each run. Free space or choose another path for the next batch; sending the rows again runs them again and uses credits again.`;
  }
}

function formatJsonReport(runner: BatchRunner, progress: BatchProgress, appId: string): string {
  const results = JSON.parse(
    formatResultsJson(runner.results(), { batchId: runner.batchId, appId }),
  ).results;
  const report = {
    batch_id: runner.batchId,
    app_id: appId,
    state: progress.state,
    total: progress.total,
    counts: progress.counts,
    rate_limited: progress.rateLimited,
    elapsed_ms: Math.round(progress.elapsedMs),
    results,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function formatSummary(progress: BatchProgress): string {
  const counts = Object.entries(progress.counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const rateLimited =
    progress.rateLimited > 0
      ? `; Hatz answered 429 ${formatCount(progress.rateLimited, 'time')}`
      : '';
  return `Batch ${progress.state}: ${countDone(progress)} of ${formatCount(progress.total, 'row')} (${counts}) in ${formatDuration(progress.elapsedMs)}${rateLimited}.\n`;
}
