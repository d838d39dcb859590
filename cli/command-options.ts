import { parseArgs, type ParseArgsConfig } from 'node:util';

import { createHatzClient } from '../core/hatz-client.ts';
import {
  findBaseUrlProblem,
  MAX_TIMER_SECONDS,
  resolveSettings,
  type ClientSettings,
} from '../core/settings.ts';
import { UsageError, type CliIo } from './cli-io.ts';
import { readApiKey } from './read-api-key.ts';

/** Standard input and the terminal check, replaceable by tests; process values otherwise. */
export type CommandIo = CliIo & {
  readStdin?: () => Promise<string>;
  isStdoutTerminal?: boolean;
};

/** Options every command that calls Hatz takes: server, key source, JSON output and help. */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  'key-stdin': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const CONNECTION_HELP = `  --base-url URL       API base URL (default $HATZ_BASE_URL or https://ai.hatz.ai/v1)
  --key-stdin          read the key from standard input instead of HATZ_API_KEY
  --timeout SECONDS    time allowed for each HTTP request (default 30)
  --json               print one JSON object instead of text
  -h, --help           show this help`;

/** Stops a runaway pipe; a key is far shorter. */
const MAX_STDIN_BYTES = 64 * 1024;

/**
 * Parses `args` strictly, turning parse errors into usage errors that name the option.
 * Positional arguments are rejected unless `allowPositionals` is set.
 */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
) {
  const joinedArgs = joinNegativeNumberValues(args, options);
  try {
    return parseArgs({ args: joinedArgs, options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(describeMissingValue(message, joinedArgs) ?? message);
  }
}

/**
 * Joins `--option -1` into `--option=-1` for options that take a value. parseArgs reads any
 * argument starting with "-" as an option of its own, so a negative number would otherwise fail as
 * "ambiguous" before the option's own check could name the values it accepts.
 */
function joinNegativeNumberValues(args: string[], options: ParseArgsConfig['options']): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const next = args[index + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && options?.[name]?.type === 'string';
    if (takesValue && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/**
 * Rewords parseArgs's "argument is ambiguous" error, which it raises when an option that takes a
 * value is followed by another option, or returns undefined for any other error.
 */
function describeMissingValue(message: string, args: string[]): string | undefined {
  const option = /^Option '(--[^' ]+)' argument is ambiguous/.exec(message)?.[1];
  if (option === undefined) return undefined;
  const next = args[args.indexOf(option) + 1] ?? '';
  return `${option} needs a value, but is followed by "${next}", which reads as an option. Put the value after ${option}, or write ${option}=VALUE for a value that starts with "-".`;
}

/** Returns `value` when it is a usable base URL, or undefined when it is not given. */
export function readBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = findBaseUrlProblem(value);
  if (problem) throw new UsageError(problem);
  return value;
}

/**
 * Reads a positive number of seconds and returns milliseconds, or `fallback` seconds. Rejects more
 * than MAX_TIMER_SECONDS, because a timer cannot hold a longer delay and would fire at once.
 */
export function readSeconds(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`${option} "${value}" is not a positive number of seconds, such as 30.`);
  }
  if (seconds > MAX_TIMER_SECONDS) {
    throw new UsageError(
      `${option} "${value}" is above the maximum of ${MAX_TIMER_SECONDS} seconds (about 24.8 days), the longest a timer can wait. Pass at most ${MAX_TIMER_SECONDS}.`,
    );
  }
  return seconds * 1000;
}

/**
 * Creates a client from the connection options: the base URL from `--base-url` or
 * `HATZ_BASE_URL`, and the key from `HATZ_API_KEY` or, with `--key-stdin`, standard input.
 */
export async function createCommandClient(
  values: { 'base-url'?: string; 'key-stdin'?: boolean; timeout?: string },
  io: CommandIo,
  overrides: Partial<ClientSettings> = {},
) {
  const settings = resolveSettings({
    baseUrl: readBaseUrl(values['base-url'] ?? io.env.HATZ_BASE_URL),
    requestTimeoutMs: readSeconds('--timeout', values.timeout, 30),
    ...overrides,
  });
  const apiKey = values['key-stdin'] ? await readKeyFromStdin(io) : readApiKey(io.env);
  // The key is returned beside the client only so that history can keep its last four characters.
  return { client: createHatzClient({ fetch: io.fetch, apiKey, settings }), apiKey };
}

/** Whether standard output is a terminal, where a redrawn progress bar can be shown. */
export function isStdoutTerminal(io: CommandIo): boolean {
  if (io.isStdoutTerminal !== undefined) return io.isStdoutTerminal;
  return (io.stdout as { isTTY?: boolean }).isTTY === true;
}

/** Reads all of standard input as UTF-8, from `io.readStdin` when a test passes one. */
export function readStdinText(io: CommandIo): Promise<string> {
  return (io.readStdin ?? readProcessStdin)();
}

async function readKeyFromStdin(io: CommandIo): Promise<string> {
  const text = await readStdinText(io);
  const apiKey = text.trim();
  if (apiKey === '') {
    throw new UsageError(
      'Standard input is empty. Pipe the key in, for example from a password manager.',
    );
  }
  if (/\s/.test(apiKey)) {
    throw new UsageError(
      'The key on standard input contains spaces or line breaks. Pipe the key alone.',
    );
  }
  return apiKey;
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
