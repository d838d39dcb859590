import { cleanApiKey } from '../../core/clean-api-key.ts';
import { explainVerdict, type KeyVerdict, type VerdictKind } from '../../core/key-verdict.ts';
import { lastFour } from '../../core/mask-key.ts';
import { resolveSettings } from '../../core/settings.ts';
import {
  DEFAULT_VERIFY_PATH,
  VERIFY_PATHS,
  verifyKey,
  type VerifyPath,
} from '../../core/verify-key.ts';
import { UsageError } from '../cli-io.ts';
import {
  CONNECTION_OPTIONS,
  parseCommandArgs,
  readBaseUrl,
  readSeconds,
  readStdinText,
  type CommandIo,
} from '../command-options.ts';
import { EXIT_OK, EXIT_USAGE, exitCodeByFailure, formatExitCodes } from '../exit-codes.ts';
import { describeMissingKey } from '../read-api-key.ts';

/** Exit code of each verdict, reusing the code of the failure behind it. */
export const exitCodeByVerdict: Record<VerdictKind, number> = {
  valid: EXIT_OK,
  'invalid-key': exitCodeByFailure['invalid-key'],
  forbidden: exitCodeByFailure.forbidden,
  'rate-limited': exitCodeByFailure['rate-limited'],
  'server-error': exitCodeByFailure['server-error'],
  network: exitCodeByFailure.network,
  timeout: exitCodeByFailure.timeout,
  'unexpected-reply': exitCodeByFailure['unexpected-body'],
  'redirect-blocked': exitCodeByFailure['redirect-blocked'],
  cancelled: exitCodeByFailure.cancelled,
};

const HELP = `Usage: hatz-tester verify [--base-url URL] [--key-stdin] [--path PATH] [--json]

Checks whether an API key works with one cheap authenticated read, and says why not.
The key is read from HATZ_API_KEY, or from standard input with --key-stdin, never from an
argument. Spaces, quotes and a leading "x-api-key:" or "Bearer " are removed first.

Options:
  --base-url URL       API base URL (default $HATZ_BASE_URL or https://ai.hatz.ai/v1)
  --key-stdin          read the key from standard input instead of HATZ_API_KEY
  --path PATH          what to call: ${VERIFY_PATHS.join(' or ')} (default ${DEFAULT_VERIFY_PATH})
  --timeout SECONDS    time allowed for the request (default 30)
  --json               print one JSON object instead of text
  -h, --help           show this help

Exit codes:
${formatExitCodes([
  ...Object.entries(exitCodeByVerdict).map(([kind, code]): [number, string] => [code, kind]),
  [EXIT_USAGE, 'invalid command line, or no key given'],
])}
`;

/** `hatz-tester verify`: verifies one key and exits with the code of its verdict. */
export async function runVerifyCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...CONNECTION_OPTIONS, path: { type: 'string' } });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const path = readPath(values.path);
  const settings = resolveSettings({
    baseUrl: readBaseUrl(values['base-url'] ?? io.env.HATZ_BASE_URL),
    requestTimeoutMs: readSeconds('--timeout', values.timeout, 30),
  });
  const { apiKey, removed } = await readKey(io, values['key-stdin'] === true);
  if (removed.length > 0) io.stderr.write(`Removed from the key: ${removed.join(', ')}.\n`);

  const controller = new AbortController();
  const removeInterruptHandler = io.onInterrupt(() => controller.abort());
  try {
    const verdict = await verifyKey({
      fetch: io.fetch,
      apiKey,
      settings,
      path,
      signal: controller.signal,
    });
    const report = { verdict, baseUrl: settings.baseUrl, keyLastFour: lastFour(apiKey) };
    io.stdout.write(
      values.json ? `${JSON.stringify(toJsonReport(report), null, 2)}\n` : formatReport(report),
    );
    return exitCodeByVerdict[verdict.kind];
  } finally {
    removeInterruptHandler();
  }
}

function readPath(value: string | undefined): VerifyPath {
  if (value === undefined) return DEFAULT_VERIFY_PATH;
  const path = VERIFY_PATHS.find((candidate) => candidate === value);
  if (!path)
    throw new UsageError(`--path "${value}" is not supported; use ${VERIFY_PATHS.join(' or ')}.`);
  return path;
}

async function readKey(io: CommandIo, isFromStdin: boolean) {
  const pasted = isFromStdin ? await readStdinText(io) : io.env.HATZ_API_KEY;
  if (pasted === undefined || pasted.trim() === '') {
    throw new UsageError(
      isFromStdin
        ? 'Standard input is empty. Pipe the key in, for example from a password manager.'
        : describeMissingKey(io.env.HATZ_API_KEY, 'pass --key-stdin and pipe it in'),
    );
  }
  const cleaned = cleanApiKey(pasted);
  if (!cleaned.ok) {
    const reason =
      cleaned.failure.kind === 'invalid-input' ? cleaned.failure.message : 'invalid key';
    throw new UsageError(reason);
  }
  return cleaned.value;
}

interface VerifyReport {
  verdict: KeyVerdict;
  baseUrl: string;
  keyLastFour: string;
}

/** Builds the JSON report, in snake_case like the Hatz API. It never contains the key. */
function toJsonReport({ verdict, baseUrl, keyLastFour }: VerifyReport) {
  return {
    verdict: verdict.kind,
    ...explainVerdict(verdict),
    base_url: baseUrl,
    path: verdict.path,
    key_last_four: keyLastFour,
    status: verdict.status,
    request_id: verdict.requestId ?? null,
    duration_ms: verdict.durationMs,
    checked_at: verdict.checkedAt,
    sees_workflows: verdict.seesWorkflows ?? null,
    failure: verdict.failure ?? null,
  };
}

/** The app's fix names its "Replace key" button; in the CLI the key comes from HATZ_API_KEY. */
const INVALID_KEY_FIX = 'Create a new key in Hatz (Settings, API keys) and set HATZ_API_KEY to it.';

function formatReport({ verdict, baseUrl, keyLastFour }: VerifyReport): string {
  const { title, detail, fix } = explainVerdict(verdict);
  const key = keyLastFour ? `Key ending in ${keyLastFour}` : 'Key';
  const reply = verdict.status === null ? 'no reply' : `HTTP ${verdict.status}`;
  const lines = [
    `${title}: ${detail}`,
    `${key}, GET ${baseUrl}${verdict.path}: ${reply} in ${verdict.durationMs} ms`,
  ];
  if (verdict.requestId) lines.push(`Request id: ${verdict.requestId}`);
  if (verdict.failure?.serverMessage)
    lines.push(`Server message: ${verdict.failure.serverMessage}`);
  lines.push(`Next step: ${verdict.kind === 'invalid-key' ? INVALID_KEY_FIX : fix}`);
  return `${lines.join('\n')}\n`;
}
