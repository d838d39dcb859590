import { explainFailure } from '../core/explain-failure.ts';
import type { Failure } from '../core/schemas.ts';
import type { CliIo } from './cli-io.ts';
import { formatFailureLines } from './format-failure-lines.ts';

/** Writes a failure in the same words as the app: JSON on stdout, or text on stderr. */
export function writeFailure(io: CliIo, failure: Failure, isJson: boolean): void {
  const { title, detail, fix } = explainFailure(failure);
  if (isJson) {
    io.stdout.write(
      `${JSON.stringify({ failure: { ...failure, title, detail, fix } }, null, 2)}\n`,
    );
    return;
  }
  io.stderr.write(`${formatFailureLines(failure).join('\n')}\n`);
}
