import { explainFailure } from '../core/explain-failure.ts';
import type { Failure } from '../core/schemas.ts';

/**
 * Formats a failure as text lines in the same words as the app: title and detail, the next step,
 * then the server's message and the request id when there are any.
 */
export function formatFailureLines(failure: Failure): string[] {
  const { title, detail, fix } = explainFailure(failure);
  const lines = [`${title}: ${detail}`, `Next step: ${cliFix(failure) ?? fix}`];
  if (failure.serverMessage) lines.push(`Server message: ${failure.serverMessage}`);
  if (failure.requestId) lines.push(`Request id: ${failure.requestId}`);
  return lines;
}

/** Returns the next step in the CLI's own options where the app's words name its settings. */
function cliFix(failure: Failure): string | undefined {
  if (failure.kind !== 'timeout') return undefined;
  return failure.phase === 'request'
    ? 'Try again, or raise --timeout (in seconds).'
    : 'Check the job in Hatz later, or raise --job-timeout (in seconds); it may still use credits.';
}
