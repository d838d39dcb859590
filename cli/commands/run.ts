import { checkAppId } from '../../core/app-id.ts';
import { importCurl, type CurlImport } from '../../core/curl-import.ts';
import { explainFailure } from '../../core/explain-failure.ts';
import { createHatzClient, type HatzClient } from '../../core/hatz-client.ts';
import { hasLintErrors, lintInputs } from '../../core/inputs-lint.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import type { RunSnapshot, WorkflowSummary } from '../../core/schemas.ts';
import { resolveSettings } from '../../core/settings.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs, readBaseUrl, readSeconds } from '../command-options.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';
import { DATA_DIR_HELP, keepCliRun, readDataDirectory } from '../keep-cli-run.ts';
import { formatCount } from '../format-count.ts';
import { formatFailureLines } from '../format-failure-lines.ts';
import { countBySeverity, formatLintProblems, toLintJson } from '../format-lint-problems.ts';
import { describeAppNotFound, describeAppWarning } from '../app-kind-notes.ts';
import { assertKeyDestination, readKeyBaseUrl } from '../key-destination.ts';
import { readApiKey } from '../read-api-key.ts';
import { readInputsOption, readTextSource } from '../read-text-source.ts';

const HELP =
  () => `Usage: hatz-tester run --app-id ID [--inputs JSON | --inputs-file FILE] [options]

Sends POST /workflows/run and prints the job id; with --wait, follows the job and prints its
outputs. The key is read from HATZ_API_KEY.

Options:
  --app-id ID          the workflow's app id (a UUID), from its "Run via Webhook" panel
  --inputs JSON        the inputs object, for example '{"company_name":"Acme"}' (default {})
  --inputs-file FILE   read the inputs object from FILE instead
  --draft              run the workflow's draft (is_draft_app: true)
  --from-curl FILE     take base URL, app id, inputs, draft flag and key from a cURL command in
                       FILE (- for standard input); options given here win, and HATZ_API_KEY, when
                       set, wins over the key in the command
  --no-lint            send even when the inputs fail the check against the workflow's inputs
  --base-url URL       API base URL (default $HATZ_BASE_URL or https://ai.hatz.ai/v1)
  --wait               follow the job until it completes or fails
  --timeout SECONDS    time allowed for each HTTP request (default 30)
  --job-timeout SECONDS  time allowed for the job to end with --wait (default 600)
  --poll-interval SECONDS  first wait between job status checks (default 2)
  --json               print one JSON object instead of text
  --workflow-name NAME the workflow's name, kept in history with the run (default: the name
                       read for the inputs check; none with --no-lint)
${DATA_DIR_HELP}
  -h, --help           show this help

Every run is kept in the history under the data directory, without the key.
`;

/** `hatz-tester run`: runs a workflow and, with --wait, follows its job to the end. */
export async function runRunCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'app-id': { type: 'string' },
    inputs: { type: 'string' },
    'inputs-file': { type: 'string' },
    draft: { type: 'boolean' },
    'from-curl': { type: 'string' },
    'no-lint': { type: 'boolean' },
    'base-url': { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    'job-timeout': { type: 'string' },
    'poll-interval': { type: 'string' },
    json: { type: 'boolean' },
    'workflow-name': { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP());
    return EXIT_OK;
  }

  const curl =
    values['from-curl'] === undefined ? undefined : await readCurl(values['from-curl'], io);
  const appId = values['app-id'] ?? curl?.request.appId;
  if (appId === undefined)
    throw new UsageError("Missing --app-id. Pass the workflow's app id, a UUID.");
  const inputsText =
    (await readInputsOption(values.inputs, values['inputs-file'])) ??
    curl?.request.inputsText ??
    '{}';
  const settings = resolveSettings({
    baseUrl: readBaseUrl(values['base-url'] ?? curl?.request.baseUrl ?? io.env.HATZ_BASE_URL),
    requestTimeoutMs: readSeconds('--timeout', values.timeout, 30),
    jobTimeoutMs: readSeconds('--job-timeout', values['job-timeout'], 600),
    pollInitialMs: readSeconds('--poll-interval', values['poll-interval'], 2),
  });
  const envKey = io.env.HATZ_API_KEY?.trim();
  if (envKey && curl && values['base-url'] === undefined) {
    assertKeyDestination({
      target: settings.baseUrl,
      targetSource: 'The cURL command',
      otherFix: curl.apiKey
        ? 'to use the key in the command instead, unset HATZ_API_KEY'
        : `to send it to ${readKeyBaseUrl(io.env)} instead, pass --base-url ${readKeyBaseUrl(io.env)}`,
      env: io.env,
    });
  }
  const apiKey = envKey || curl?.apiKey || readApiKey(io.env);
  const client = createHatzClient({ fetch: io.fetch, apiKey, settings });
  const isJson = values.json === true;

  // The inputs check reads the workflow, so history gets its name without another request.
  let declared: WorkflowSummary | undefined;
  if (values['no-lint'] !== true) {
    declared = await readDeclaredWorkflow(client, appId, io);
    if (declared?.kind === 'app') io.stderr.write(`${describeAppWarning(declared)}\n`);
    const blocked = lintBeforeSending({ declared, appId, inputsText, io, isJson });
    if (blocked !== undefined) return blocked;
  }

  const controller = new AbortController();
  const removeInterruptHandler = io.onInterrupt(() => controller.abort());
  const startedAt = new Date();
  try {
    const snapshot = await runWorkflow({
      client,
      runId: crypto.randomUUID(),
      appId,
      inputsText,
      isDraft: values.draft === true || curl?.request.isDraft === true,
      follow: values.wait === true,
      signal: controller.signal,
      onUpdate: isJson ? undefined : createProgressReporter(io),
    });
    await keepCliRun(
      readDataDirectory(values['data-dir'], io.env),
      {
        snapshot,
        workflowName: values['workflow-name'] ?? declared?.name,
        inputsText,
        isDraft: values.draft === true || curl?.request.isDraft === true,
        baseUrl: settings.baseUrl,
        key: { label: 'HATZ_API_KEY', apiKey },
        startedAt,
        endedAt: new Date(),
      },
      io,
    );
    const appNote =
      declared?.kind === 'app' && snapshot.failure?.kind === 'unknown-workflow'
        ? describeAppNotFound(declared)
        : undefined;
    if (isJson) {
      io.stdout.write(`${JSON.stringify(toJsonReport(snapshot), null, 2)}\n`);
      if (appNote) io.stderr.write(`${appNote}\n`);
    } else {
      io.stdout.write(formatReport(snapshot, appNote));
    }
    return snapshot.failure ? exitCodeByFailure[snapshot.failure.kind] : EXIT_OK;
  } finally {
    removeInterruptHandler();
  }
}

async function readCurl(path: string, io: CliIo): Promise<CurlImport> {
  const result = importCurl(await readTextSource(path, '--from-curl'));
  if (!result.ok) {
    const message = result.failure.kind === 'invalid-input' ? result.failure.message : '';
    throw new UsageError(`--from-curl: ${message}`);
  }
  for (const note of result.value.request.notes) io.stderr.write(`cURL import: ${note}\n`);
  return result.value;
}

/**
 * Reads the workflow with `GET /app/{id}` for the inputs check. Returns undefined when it cannot
 * be read, and sends no request for an app id that is not a UUID. The run request then reports the
 * reason itself.
 */
async function readDeclaredWorkflow(
  client: HatzClient,
  appId: string,
  io: CliIo,
): Promise<WorkflowSummary | undefined> {
  const appIdCheck = checkAppId(appId);
  if (!appIdCheck.ok) return undefined;
  const { result } = await client.getWorkflow(appIdCheck.appId);
  if (result.ok) return result.value;
  io.stderr.write("Could not read the workflow's inputs, so only the JSON syntax was checked.\n");
  return undefined;
}

interface LintBeforeSending {
  /** The workflow as read for the check, or undefined to check only the JSON syntax. */
  declared: WorkflowSummary | undefined;
  appId: string;
  inputsText: string;
  io: CliIo;
  isJson: boolean;
}

/**
 * Lints the inputs against the workflow's declared inputs, and returns an exit code when errors
 * stop the run.
 */
function lintBeforeSending(options: LintBeforeSending): number | undefined {
  const { declared, appId, inputsText, io, isJson } = options;
  const problems = lintInputs(inputsText, declared ? declared.inputs : null);
  if (!hasLintErrors(problems)) {
    if (!isJson) io.stderr.write(formatLintProblems('inputs', problems));
    return undefined;
  }

  const { errors } = countBySeverity(problems);
  const message = `Not sent: the inputs have ${formatCount(errors, 'error')}. Fix them, or pass --no-lint to send anyway.`;
  if (isJson) {
    const failure = { kind: 'invalid-input', message } as const;
    const report = {
      phase: 'failed',
      app_id: appId,
      failure: { ...failure, ...explainFailure(failure) },
      problems: toLintJson(problems),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stderr.write(`${formatLintProblems('inputs', problems)}${message}\n`);
  }
  return exitCodeByFailure['invalid-input'];
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
    run_id: snapshot.runId,
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

/** Formats the run as text; `appNote`, when given, follows the failure's lines. */
function formatReport(snapshot: RunSnapshot, appNote?: string): string {
  const lines: string[] = [];
  const exchange = snapshot.exchange;
  if (exchange?.status != null) {
    lines.push(
      `HTTP ${exchange.status} in ${exchange.durationMs} ms, request id ${exchange.requestId}`,
    );
  }
  if (snapshot.phase === 'started') {
    lines.push(`Job ${snapshot.jobId} started; not followed, so its outcome is not known.`);
    lines.push('Pass --wait to follow a job to the end.');
  } else if (snapshot.jobId) {
    lines.push(`Job ${snapshot.jobId}: ${snapshot.job?.rawStatus ?? 'started'}`);
  }
  if (snapshot.job?.outputs !== undefined) lines.push('', formatOutputs(snapshot.job.outputs));
  if (snapshot.failure) lines.push('', ...formatFailureLines(snapshot.failure));
  if (appNote) lines.push(appNote);
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
