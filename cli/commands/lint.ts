import { checkAppId } from '../../core/app-id.ts';
import { explainFailure } from '../../core/explain-failure.ts';
import { createHatzClient } from '../../core/hatz-client.ts';
import { lintInputs } from '../../core/inputs-lint.ts';
import { resolveSettings } from '../../core/settings.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs, readBaseUrl } from '../command-options.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';
import { formatCount } from '../format-count.ts';
import { countBySeverity, formatLintProblems, toLintJson } from '../format-lint-problems.ts';
import { readApiKey } from '../read-api-key.ts';
import { readInputsOption } from '../read-text-source.ts';

const INVALID_INPUT_EXIT_CODE = exitCodeByFailure['invalid-input'];

const HELP = `Usage: hatz-tester lint --app-id ID (--inputs JSON | --inputs-file FILE) [options]

Checks an inputs object against the inputs the workflow declares, without running it: JSON
syntax, missing required inputs, misspelled or unknown names, and values of the wrong type.
Fetches the workflow with GET /app/{id}; the key is read from HATZ_API_KEY.

Options:
  --app-id ID          the workflow's app id (a UUID)
  --inputs JSON        the inputs object, for example '{"company_name":"Acme"}'
  --inputs-file FILE   read the inputs object from FILE instead (- for standard input)
  --base-url URL       API base URL (default $HATZ_BASE_URL or https://ai.hatz.ai/v1)
  --json               print one JSON object instead of text
  -h, --help           show this help

Exit codes: 0 when there are no errors (warnings allowed); ${INVALID_INPUT_EXIT_CODE} (invalid-input) when there are
errors; and when the workflow cannot be read, the code of that failure, as "hatz-tester --help"
lists them.
`;

/** `hatz-tester lint`: lints an inputs object against a workflow's declared inputs. */
export async function runLintCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'app-id': { type: 'string' },
    inputs: { type: 'string' },
    'inputs-file': { type: 'string' },
    'base-url': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const appIdCheck = checkAppId(values['app-id'] ?? '');
  if (values['app-id'] === undefined) {
    throw new UsageError("Missing --app-id. Pass the workflow's app id, a UUID.");
  }
  if (!appIdCheck.ok) throw new UsageError(`--app-id: ${appIdCheck.message}`);
  const inputsText = await readInputsOption(values.inputs, values['inputs-file']);
  if (inputsText === undefined)
    throw new UsageError('Pass the inputs with --inputs or --inputs-file.');
  const baseUrl = readBaseUrl(values['base-url'] ?? io.env.HATZ_BASE_URL);

  const client = createHatzClient({
    fetch: io.fetch,
    apiKey: readApiKey(io.env),
    settings: resolveSettings({ baseUrl }),
  });
  const { result } = await client.getWorkflow(appIdCheck.appId);
  if (!result.ok) {
    const { title, detail, fix } = explainFailure(result.failure);
    io.stderr.write(
      `Could not read the workflow's inputs. ${title}: ${detail}\nNext step: ${fix}\n`,
    );
    return exitCodeByFailure[result.failure.kind];
  }

  const problems = lintInputs(inputsText, result.value.inputs);
  const { errors, warnings } = countBySeverity(problems);
  if (values.json) {
    const report = { app_id: appIdCheck.appId, errors, warnings, problems: toLintJson(problems) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const source = values['inputs-file'] ?? 'inputs';
    io.stdout.write(formatLintProblems(source, problems));
    io.stdout.write(
      `${result.value.name}: ${formatCount(errors, 'error')}, ${formatCount(warnings, 'warning')}.\n`,
    );
  }
  return errors > 0 ? exitCodeByFailure['invalid-input'] : EXIT_OK;
}
