import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { explainFailure } from '../../core/explain-failure.ts';
import { createHatzClient } from '../../core/hatz-client.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import { findBaseUrlProblem, resolveSettings } from '../../core/settings.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';
import { readApiKey } from '../read-api-key.ts';

const HELP = `Usage: hatz-tester run --app-id ID [--inputs JSON | --inputs-file FILE] [options]

Sends POST /workflows/run and prints the job id; with --wait, follows the job and prints its
outputs. The key is read from HATZ_API_KEY.

Options:
  --app-id ID          the workflow's app id (a UUID), from its "Run via Webhook" panel
  --inputs JSON        the inputs object, for example '{"company_name":"Acme"}' (default {})
  --inputs-file FILE   read the inputs object from FILE instead
  --draft              run the workflow's draft (is_draft_app: true)
  --base-url URL       API base URL (default $HATZ_BASE_URL or https://ai.hatz.ai/v1)
  --wait               follow the job until it completes or fails
  --timeout SECONDS    time allowed for each HTTP request (default 30)
  --job-timeout SECONDS  time allowed for the job to end with --wait (default 600)
  --poll-interval SECONDS  first wait between job status checks (default 2)
  --json               print one JSON object instead of text
  -h, --help           show this help
`;

/** `hatz-tester run`: runs a workflow and, with --wait, follows its job to the end. */
export async function runRunCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const appId = values['app-id'];
  if (appId === undefined)
    throw new UsageError("Missing --app-id. Pass the workflow's app id, a UUID.");
  const inputsText = await readInputs(values.inputs, values['inputs-file']);
  const settings = resolveSettings({
    baseUrl: readBaseUrl(values['base-url'] ?? io.env.HATZ_BASE_URL),
    requestTimeoutMs: readSeconds('--timeout', values.timeout, 30),
    jobTimeoutMs: readSeconds('--job-timeout', values['job-timeout'], 600),
    pollInitialMs: readSeconds('--poll-interval', values['poll-interval'], 2),
  });
  const apiKey = readApiKey(io.env);

  const controller = new AbortController();
  const removeInterruptHandler = io.onInterrupt(() => controller.abort());
  const isJson = values.json === true;
  try {
    const snapshot = await runWorkflow({
      client: createHatzClient({ fetch: io.fetch, apiKey, settings }),
      runId: crypto.randomUUID(),
      appId,
      inputsText,
      isDraft: values.draft === true,
      follow: values.wait === true,
      signal: controller.signal,
      onUpdate: isJson ? undefined : createProgressReporter(io),
    });
    io.stdout.write(
      isJson ? `${JSON.stringify(toJsonReport(snapshot), null, 2)}\n` : formatReport(snapshot),
    );
    return snapshot.failure ? exitCodeByFailure[snapshot.failure.kind] : EXIT_OK;
  } finally {
    removeInterruptHandler();
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'app-id': { type: 'string' },
        inputs: { type: 'string' },
        'inputs-file': { type: 'string' },
        draft: { type: 'boolean' },
        'base-url': { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        'job-timeout': { type: 'string' },
        'poll-interval': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readInputs(inline: string | undefined, file: string | undefined): Promise<string> {
  if (inline !== undefined && file !== undefined) {
    throw new UsageError('Pass either --inputs or --inputs-file, not both.');
  }
  if (file === undefined) return inline ?? '{}';
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read --inputs-file "${file}" (${code ?? String(error)}). Check the path.`,
    );
  }
}

function readBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = findBaseUrlProblem(value);
  if (problem) throw new UsageError(problem);
  return value;
}

function readSeconds(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`${option} "${value}" is not a positive number of seconds, such as 30.`);
  }
  return seconds * 1000;
}

/** Writes each new timeline entry to standard error, so standard output keeps only the result. */
function createProgressReporter(io: CliIo) {
  let reportedEntries = 0;
  return (snapshot: RunSnapshot) => {
    for (const entry of snapshot.timeline.slice(reportedEntries))
      io.stderr.write(`${entry.label}\n`);
    reportedEntries = snapshot.timeline.length;
  };
}

/** Builds the JSON report, in snake_case like the Hatz API. It never contains the key. */
function toJsonReport(snapshot: RunSnapshot) {
  const exchange = snapshot.exchange;
  return {
    phase: snapshot.phase,
    status: exchange?.status ?? null,
    request_id: exchange?.requestId ?? snapshot.failure?.requestId ?? null,
    duration_ms: exchange?.durationMs ?? null,
    app_id: snapshot.appId,
    job_id: snapshot.jobId ?? null,
    job_status: snapshot.job?.rawStatus ?? null,
    outputs: snapshot.job?.outputs ?? null,
    failure: snapshot.failure ? { ...snapshot.failure, ...explainFailure(snapshot.failure) } : null,
  };
}

function formatReport(snapshot: RunSnapshot): string {
  const lines: string[] = [];
  const exchange = snapshot.exchange;
  if (exchange?.status != null) {
    lines.push(
      `HTTP ${exchange.status} in ${exchange.durationMs} ms, request id ${exchange.requestId}`,
    );
  }
  if (snapshot.jobId) lines.push(`Job ${snapshot.jobId}: ${snapshot.job?.rawStatus ?? 'started'}`);
  if (snapshot.job?.outputs !== undefined) lines.push('', formatOutputs(snapshot.job.outputs));
  if (snapshot.failure) {
    const { title, detail, fix } = explainFailure(snapshot.failure);
    lines.push('', `${title}: ${detail}`, `Next step: ${fix}`);
    if (snapshot.failure.serverMessage)
      lines.push(`Server message: ${snapshot.failure.serverMessage}`);
    if (snapshot.failure.requestId) lines.push(`Request id: ${snapshot.failure.requestId}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatOutputs(outputs: unknown): string {
  if (typeof outputs === 'string') return outputs;
  if (typeof outputs === 'object' && outputs !== null && 'output' in outputs) {
    const inner = (outputs as { output: unknown }).output;
    if (typeof inner === 'string') return inner;
  }
  return JSON.stringify(outputs, null, 2);
}
