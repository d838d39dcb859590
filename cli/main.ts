import { runBatchCommand } from './commands/batch.ts';
import { runEmulatorCommand } from './commands/emulator.ts';
import { runHistoryCommand } from './commands/history.ts';
import { runImportCurlCommand } from './commands/import-curl.ts';
import { runLintCommand } from './commands/lint.ts';
import { runListCommand } from './commands/list.ts';
import { runRerunCommand } from './commands/rerun.ts';
import { runRunCommand } from './commands/run.ts';
import { runVerifyCommand } from './commands/verify.ts';
import { describeExitCodes, EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes.ts';
import { UsageError, type CliIo } from './cli-io.ts';

const HELP = `Usage: hatz-tester <command> [options]

Runs Hatz AI workflows through the webhook API and follows their jobs.

Commands:
  run        Run a workflow; with --wait, follow its job to the end
  emulator   Start a local emulator of the Hatz API on 127.0.0.1
  history    List the runs kept in history, newest first
  rerun      Run a kept run's request again and follow its job
  verify     Check whether an API key works, and why not
  list       List the workflows the key can see, with their app ids and inputs
  batch      Run a workflow once per row of a CSV, JSON or JSON Lines file
  lint       Check an inputs object against the inputs a workflow declares
  import-curl  Print the run request a cURL command describes, without its key

The API key is read from the HATZ_API_KEY environment variable, never from an argument.
Run "hatz-tester <command> --help" for the options of a command.

Exit codes:
${describeExitCodes()}
`;

const commands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  run: runRunCommand,
  history: runHistoryCommand,
  rerun: runRerunCommand,
  emulator: runEmulatorCommand,
  verify: runVerifyCommand,
  list: runListCommand,
  batch: runBatchCommand,
  lint: runLintCommand,
  'import-curl': runImportCurlCommand,
};

/** Runs the CLI with `args` (without the program name) and resolves with its exit code. */
export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }

  const command = commands[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nRun "hatz-tester ${name} --help" for its options.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(
      `hatz-tester ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_INTERNAL_ERROR;
  }
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    fetch: globalThis.fetch,
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}
