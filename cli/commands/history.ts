import { historyDirectory } from '../../core/data-directory.ts';
import type { HistorySummary } from '../../core/history/history-summary.ts';
import { openHistoryStore } from '../../core/history-store.ts';
import { ENDED_RUN_PHASES, RUN_PHASE_WORDS } from '../../core/history/run-phase-words.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../command-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { formatCount } from '../format-count.ts';
import { checkDataDirectoryToRead, DATA_DIR_HELP, readDataDirectory } from '../keep-cli-run.ts';

const HELP = () => `Usage: hatz-tester history [--search TEXT] [options]

Lists the runs kept in history, by the app and the CLI, newest first: one line per run with
its start time, outcome, HTTP status, workflow, request id and run id.

Options:
  --search TEXT        words to find in workflow name, inputs, outputs, status and request id
  --status PHASE       only runs that ended so: completed, started (sent without --wait, so
                       the job's outcome is not known), failed or cancelled
  --app-id ID          only runs of this workflow
  --limit N            most runs to list (default 20)
  --json               print one JSON object instead of text
${DATA_DIR_HELP}
  -h, --help           show this help

Exits with 0 when the listing worked, even when no run matches, and with 2 when --data-dir names
a folder that does not exist or a file.
`;

/** `hatz-tester history`: lists kept runs, for scripts and for finding an id to rerun. */
export async function runHistoryCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    search: { type: 'string' },
    status: { type: 'string' },
    'app-id': { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP());
    return EXIT_OK;
  }
  const phase = values.status === undefined ? undefined : readPhase(values.status);
  const limit = readLimit(values.limit);

  const dataDirectory = readDataDirectory(values['data-dir'], io.env);
  const isGiven = values['data-dir'] !== undefined && values['data-dir'] !== '';
  if (!(await checkDataDirectoryToRead(dataDirectory, isGiven))) {
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ total: 0, runs: [] }, null, 2)}\n`
        : `No runs are kept yet: ${dataDirectory} does not exist. The app and the CLI create it with their first run.\n`,
    );
    return EXIT_OK;
  }
  const history = await openHistoryStore({
    directory: historyDirectory(dataDirectory),
    isCompactedOnOpen: false,
  });
  const page = history.list({
    search: values.search,
    phase,
    appId: values['app-id'],
    offset: 0,
    limit,
  });
  for (const problem of history.problems) io.stderr.write(`Warning: ${problem}\n`);
  await history.close();

  if (values.json) {
    const report = { total: page.total, runs: page.entries.map(toJsonEntry) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT_OK;
  }
  if (page.total === 0) {
    io.stdout.write(`No runs in history at ${dataDirectory} match.\n`);
    return EXIT_OK;
  }
  io.stdout.write(formatTable(page.entries));
  io.stdout.write(`${describeListed(page.entries.length, page.total)}\n`);
  return EXIT_OK;
}

function readPhase(value: string) {
  const phase = ENDED_RUN_PHASES.find((candidate) => candidate === value);
  if (phase === undefined) {
    throw new UsageError(
      `--status "${value}" is not one of ${ENDED_RUN_PHASES.join(', ')}. Pass one of them.`,
    );
  }
  return phase;
}

function readLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new UsageError(`--limit "${value}" is not a whole number from 1 to 100000.`);
  }
  return limit;
}

const TABLE_HEADER = ['TIME', 'OUTCOME', 'HTTP', 'WORKFLOW', 'REQUEST ID', 'RUN ID'];

/**
 * Formats runs as a table under a header, one line per run, each column as wide as its longest
 * cell. A run without a workflow name shows its app id, and one without a request id shows "-".
 */
function formatTable(entries: HistorySummary[]): string {
  const rows = entries.map((entry) => [
    entry.time,
    RUN_PHASE_WORDS[entry.phase],
    entry.httpStatus === null ? '---' : String(entry.httpStatus),
    entry.workflowName || entry.appId,
    entry.requestId || '-',
    entry.pinned ? `${entry.id} (pinned)` : entry.id,
  ]);
  const table = [TABLE_HEADER, ...rows];
  const widths = TABLE_HEADER.map((_, column) =>
    Math.max(...table.map((cells) => displayLength(cells[column] ?? ''))),
  );
  const lines = table.map((cells) =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - displayLength(cell)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Counts code points rather than UTF-16 code units, so a character outside the Basic Multilingual
 * Plane counts once. NOTE: most terminals give emoji and CJK characters two columns, so a name
 * containing them shifts the columns after it.
 */
function displayLength(text: string): number {
  return [...text].length;
}

function describeListed(listed: number, total: number): string {
  if (listed === total) return `Listed ${formatCount(total, 'run')}.`;
  return `Listed ${listed} of ${formatCount(total, 'run')}; raise --limit to see the other ${total - listed}.`;
}

/** Builds the JSON form of a run, in snake_case like the run report. It never contains a key. */
function toJsonEntry(entry: HistorySummary) {
  return {
    id: entry.id,
    time: entry.time,
    source: entry.source,
    workflow_name: entry.workflowName,
    app_id: entry.appId,
    is_draft: entry.isDraft,
    phase: entry.phase,
    http_status: entry.httpStatus,
    request_id: entry.requestId,
    key_label: entry.key?.label ?? null,
    key_last_four: entry.key?.lastFour ?? null,
    batch_id: entry.batchId ?? null,
    pinned: entry.pinned,
    total_ms: entry.totalMs,
    inputs_preview: entry.inputsPreview,
    output_preview: entry.outputPreview,
  };
}
