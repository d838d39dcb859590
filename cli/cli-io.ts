import type { FetchFunction } from '../core/http-request.ts';

/** Resources a command uses outside itself, passed in so tests can run commands in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  fetch: FetchFunction;
  /** Registers a Ctrl+C handler and returns the function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

/** An invalid command line; the message names the option, the value and the fix. */
export class UsageError extends Error {
  override name = 'UsageError';
}
