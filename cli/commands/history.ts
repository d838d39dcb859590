import { historyDirectory } from '../../core/data-directory.ts';
import type { HistorySummary } from '../../core/history/history-summary.ts';
import { openHistoryStore } from '../../core/history-store.ts';
import { runPhaseSchema } from '../../core/schemas.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../command-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { DATA_DIR_HELP, readDataDirectory } from '../keep-cli-run.ts';

const HELP = () => `Usage: hatz-tester history [--search TEXT] [options]

Lists the runs kept in history, by the app and the CLI, newest first.

Options:
  --search TEXT        words to find in workflow name, inputs, outputs, status and request id
  --status PHASE       only runs that ended so: completed, failed or cancelled
  --app-id ID          only runs of this workflow
  --limit N            most runs to list (default 20)
  --json               print one JSON object instead of text
${DATA_DIR_HELP}
  -h, --help           show this help
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
  for (const entry of page.entries) io.stdout.write(`${formatEntry(entry)}\n`);
  if (page.total > page.entries.length) {
    io.stdout.write(`… ${page.total - page.entries.length} more; raise --limit to see them.\n`);
  }
  return EXIT_OK;
}

function readPhase(value: string) {
  const parsed = runPhaseSchema.safeParse(value);
  if (!parsed.success || !['completed', 'failed', 'cancelled'].includes(parsed.data)) {
    throw new UsageError(`--status "${value}" is not completed, failed or cancelled.`);
  }
  return parsed.data;
}

function readLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new UsageError(`--limit "${value}" is not a whole number from 1 to 100000.`);
  }
  return limit;
}

/** Formats one run as a line: time, outcome, HTTP status, workflow, request id and run id. */
function formatEntry(entry: HistorySummary): string {
  const workflow = entry.workflowName || entry.appId;
  const status = entry.httpStatus === null ? '---' : String(entry.httpStatus);
  const pin = entry.pinned ? ' (pinned)' : '';
  return `${entry.time}  ${entry.phase.padEnd(9)}  ${status}  ${workflow}  ${entry.requestId}  ${entry.id}${pin}`;
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
