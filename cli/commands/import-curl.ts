import { importCurl } from '../../core/curl-import.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../command-options.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';
import { readTextSource } from '../read-text-source.ts';

const HELP = `Usage: hatz-tester import-curl FILE

Reads a cURL command (bash, Windows cmd or PowerShell quoting) from FILE, or from standard input
when FILE is -, and prints the run request it describes as JSON: base_url, app_id, inputs,
is_draft_app, has_api_key, and the notes on what was ignored. The key itself is never printed.

Options:
  -h, --help   show this help
`;

/** `hatz-tester import-curl`: prints the run request a cURL command describes. */
export async function runImportCurlCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { help: { type: 'boolean', short: 'h' } },
    { allowPositionals: true },
  );
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const [path, ...extra] = positionals;
  if (path === undefined)
    throw new UsageError('Pass the file that contains the cURL command, or - for standard input.');
  if (extra.length > 0) throw new UsageError(`Pass one file, not ${positionals.length}.`);

  const result = importCurl(await readTextSource(path, 'the cURL file'));
  if (!result.ok) {
    io.stderr.write(
      `${result.failure.kind === 'invalid-input' ? result.failure.message : result.failure.kind}\n`,
    );
    return exitCodeByFailure[result.failure.kind];
  }

  const { request } = result.value;
  const report = {
    shell: request.shell,
    method: request.method,
    base_url: request.baseUrl ?? null,
    app_id: request.appId ?? null,
    inputs: request.inputsText ?? null,
    is_draft_app: request.isDraft ?? null,
    has_api_key: request.hasApiKey,
    notes: request.notes,
  };
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return EXIT_OK;
}
