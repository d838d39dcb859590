import { PRACTICE_KEY, startEmulator } from '../../emulator/server.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../command-options.ts';
import { EXIT_OK } from '../exit-codes.ts';

const HELP = `Usage: hatz-tester emulator [--port N] [--key KEY]... [--latency MS] [--job-time-scale F]

Starts a local emulator of the Hatz API on 127.0.0.1 with sample workflows, and runs until
Ctrl+C. It accepts the practice key ${PRACTICE_KEY} and each key given with --key.

Options:
  --port N             TCP port on 127.0.0.1 (default 0: a free port, printed on start)
  --key KEY            accept KEY as a valid API key as well; may be repeated
  --latency MS         delay every reply by MS milliseconds (default 0)
  --job-time-scale F   multiply job durations by F, e.g. 0.1 for ten times faster (default 1)
  -h, --help           show this help
`;

/** `hatz-tester emulator`: serves the emulator until interrupted. */
export async function runEmulatorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    key: { type: 'string', multiple: true },
    latency: { type: 'string' },
    'job-time-scale': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const emulator = await startEmulator({
    port: readNumber('--port', values.port ?? '0', { min: 0, max: 65535, isInteger: true }),
    keys: values.key ?? [],
    latencyMs: readNumber('--latency', values.latency ?? '0', {
      min: 0,
      max: 600_000,
      isInteger: true,
    }),
    jobTimeScale: readNumber('--job-time-scale', values['job-time-scale'] ?? '1', {
      min: 0,
      max: 1000,
    }),
  });
  io.stdout.write(`Emulator listening on ${emulator.url}\n`);
  io.stdout.write(`Practice key: ${PRACTICE_KEY}. Press Ctrl+C to stop.\n`);

  await new Promise<void>((resolve) => {
    const removeHandler = io.onInterrupt(() => {
      removeHandler();
      resolve();
    });
  });
  await emulator.close();
  io.stdout.write('Emulator stopped.\n');
  return EXIT_OK;
}

function readNumber(
  option: string,
  value: string,
  limits: { min: number; max: number; isInteger?: boolean },
): number {
  const number = Number(value);
  const isValid =
    value.trim() !== '' &&
    Number.isFinite(number) &&
    number >= limits.min &&
    number <= limits.max &&
    (!limits.isInteger || Number.isInteger(number));
  if (!isValid) {
    const kind = limits.isInteger ? 'a whole number' : 'a number';
    throw new UsageError(
      `${option} "${value}" is not ${kind} from ${limits.min} to ${limits.max}.`,
    );
  }
  return number;
}
