import { parseArgs } from 'node:util';

import { cleanApiKey } from '../../core/clean-api-key.ts';
import { explainVerdict, type KeyVerdict, type VerdictKind } from '../../core/key-verdict.ts';
import { lastFour } from '../../core/mask-key.ts';
import { findBaseUrlProblem, resolveSettings } from '../../core/settings.ts';
import {
  DEFAULT_VERIFY_PATH,
  VERIFY_PATHS,
  verifyKey,
  type VerifyPath,
} from '../../core/verify-key.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';

/** Standard input, passed in by tests; the command reads `process.stdin` without it. */
export type VerifyIo = CliIo & { readStdin?: () => Promise<string> };

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

/** Stops a runaway pipe; a key is far shorter. */
const MAX_STDIN_BYTES = 64 * 1024;

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
${Object.entries(exitCodeByVerdict)
  .map(([kind, code]) => `  ${String(code).padStart(3)}  ${kind}`)
  .join('\n')}
    2  invalid command line, or no key given
`;

/** `hatz-tester verify`: verifies one key and exits with the code of its verdict. */
export async function runVerifyCommand(args: string[], io: VerifyIo): Promise<number> {
  const { values } = parseOptions(args);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const path = readPath(values.path);
  const baseUrl = values['base-url'] ?? io.env.HATZ_BASE_URL;
  if (baseUrl !== undefined) {
    const problem = findBaseUrlProblem(baseUrl);
    if (problem) throw new UsageError(problem);
  }
  const settings = resolveSettings({
    baseUrl,
    requestTimeoutMs: readSeconds(values.timeout),
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

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        'key-stdin': { type: 'boolean' },
        path: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function readPath(value: string | undefined): VerifyPath {
  if (value === undefined) return DEFAULT_VERIFY_PATH;
  const path = VERIFY_PATHS.find((candidate) => candidate === value);
  if (!path)
    throw new UsageError(`--path "${value}" is not supported; use ${VERIFY_PATHS.join(' or ')}.`);
  return path;
}

function readSeconds(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout "${value}" is not a positive number of seconds, such as 30.`);
  }
  return seconds * 1000;
}

async function readKey(io: VerifyIo, isFromStdin: boolean) {
  const pasted = isFromStdin ? await (io.readStdin ?? readProcessStdin)() : io.env.HATZ_API_KEY;
  if (pasted === undefined || pasted.trim() === '') {
    throw new UsageError(
      isFromStdin
        ? 'Standard input is empty. Pipe the key in, for example from a password manager.'
        : 'HATZ_API_KEY is not set. Export your Hatz API key in it, or pass --key-stdin and pipe it in.',
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

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size > MAX_STDIN_BYTES) {
      throw new UsageError(
        `Standard input is longer than ${MAX_STDIN_BYTES} bytes; pipe the key alone.`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  lines.push(`Next step: ${fix}`);
  return `${lines.join('\n')}\n`;
}
