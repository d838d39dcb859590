import { historyDirectory } from '../../core/data-directory.ts';
import { findMaskedKey } from '../../core/history/find-masked-key.ts';
import type { HistoryKey } from '../../core/history/history-record.ts';
import { openHistoryStore } from '../../core/history-store.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../command-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { checkDataDirectoryToRead, DATA_DIR_HELP, readDataDirectory } from '../keep-cli-run.ts';
import { assertKeyDestination, readKeyBaseUrl } from '../key-destination.ts';
import { readInputsOption } from '../read-text-source.ts';
import { runRunCommand } from './run.ts';

const HELP = () => `Usage: hatz-tester rerun ID [options]

Runs a kept run's request again (workflow, inputs, draft switch and base URL) and follows its
job to the end. The key is read from HATZ_API_KEY; the new run is kept in history too.

Options:
  --inputs JSON        send this inputs object instead of the kept one
  --inputs-file FILE   read the inputs object to send from FILE instead (- for standard input)
  --base-url URL       send to this API base URL instead of the kept one
  --timeout SECONDS    time allowed for each HTTP request (default 30)
  --job-timeout SECONDS  time allowed for the job to end (default 600)
  --poll-interval SECONDS  first wait between job status checks (default 2)
  --json               print one JSON object instead of text
  --no-lint            send even when the inputs fail the check against the workflow's inputs
${DATA_DIR_HELP}
  -h, --help           show this help
`;

/** `hatz-tester rerun ID`: sends a request from history again, as `run --wait` would. */
export async function runRerunCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      inputs: { type: 'string' },
      'inputs-file': { type: 'string' },
      'base-url': { type: 'string' },
      timeout: { type: 'string' },
      'job-timeout': { type: 'string' },
      'poll-interval': { type: 'string' },
      json: { type: 'boolean' },
      'no-lint': { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { allowPositionals: true },
  );
  if (values.help) {
    io.stdout.write(HELP());
    return EXIT_OK;
  }
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) {
    throw new UsageError('Pass one run id, as "hatz-tester history" lists them.');
  }

  const dataDirectory = readDataDirectory(values['data-dir'], io.env);
  const isGiven = values['data-dir'] !== undefined && values['data-dir'] !== '';
  if (!(await checkDataDirectoryToRead(dataDirectory, isGiven))) {
    throw new UsageError(
      `No run "${id}" is kept: the data directory ${dataDirectory} does not exist yet. Run a workflow first, or pass the --data-dir it was kept in.`,
    );
  }
  const history = await openHistoryStore({
    directory: historyDirectory(dataDirectory),
    isCompactedOnOpen: false,
  });
  const record = await history.get(id);
  await history.close();
  if (!record) {
    throw new UsageError(
      `No run "${id}" is in the history at ${dataDirectory}. Run "hatz-tester history" to list ids.`,
    );
  }

  const { request } = record;
  if (values['base-url'] === undefined && io.env.HATZ_API_KEY?.trim()) {
    // A kept run contains no key, so the only other way is to send it where the key belongs.
    const keyBaseUrl = readKeyBaseUrl(io.env);
    assertKeyDestination({
      target: request.baseUrl,
      targetSource: `Run ${id}`,
      otherFix: `to rerun it against ${keyBaseUrl} instead, pass --base-url ${keyBaseUrl}`,
      env: io.env,
    });
  }
  const givenInputs = await readInputsOption(values.inputs, values['inputs-file']);
  if (givenInputs === undefined) warnOfMaskedKey(id, request.inputsText, record.key, io);
  const runArgs = [
    '--app-id',
    request.appId,
    '--inputs',
    givenInputs ?? request.inputsText,
    '--base-url',
    values['base-url'] ?? request.baseUrl,
    '--wait',
    '--data-dir',
    dataDirectory,
  ];
  if (request.isDraft) runArgs.push('--draft');
  if (request.workflowName) runArgs.push('--workflow-name', request.workflowName);
  for (const option of ['timeout', 'job-timeout', 'poll-interval'] as const) {
    const value = values[option];
    if (value !== undefined) runArgs.push(`--${option}`, value);
  }
  if (values.json) runArgs.push('--json');
  if (values['no-lint']) runArgs.push('--no-lint');
  return runRunCommand(runArgs, io);
}

/**
 * Warns when the kept inputs contain the masked key, because history keeps bullets in place of
 * the key and the rerun would send those bullets as the input's value.
 */
function warnOfMaskedKey(id: string, inputsText: string, key: HistoryKey | null, io: CliIo): void {
  const found = findMaskedKey(inputsText, key?.lastFour ?? '');
  if (!found) return;
  const names = found.inputNames.map((name) => `"${name}"`).join(', ');
  let where = `The kept inputs of run ${id} contain`;
  if (found.inputNames.length === 1) where = `The kept input ${names} of run ${id} contains`;
  if (found.inputNames.length > 1) where = `The kept inputs ${names} of run ${id} contain`;
  io.stderr.write(
    `Warning: ${where} a masked key (${found.maskedKey}), because history never keeps a key. ` +
      'It will be sent as masked, not as the real key. To send the real value, pass the inputs ' +
      'with --inputs or --inputs-file.\n',
  );
}
