import { explainFailure, type FailureExplanation } from '../core/explain-failure.ts';
import type { Failure } from '../core/schemas.ts';

/** Something that went wrong, ready to show: the plain-words explanation and the id to quote. */
export interface Problem extends FailureExplanation {
  requestId?: string;
  /** The server's own error text, shown under the explanation when Hatz sent one. */
  serverMessage?: string;
}

export function problemFromFailure(failure: Failure): Problem {
  return {
    ...explainFailure(failure),
    requestId: failure.requestId,
    serverMessage: failure.serverMessage,
  };
}

/**
 * Explains a bridge call that threw instead of returning a failure. That happens when the main
 * process rejects the call or its reply breaks the IPC contract, which a retry or restart may fix.
 */
export function problemFromError(operation: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    title: `${operation} failed`,
    detail: `The app's main process did not complete the request: ${message}`,
    fix: 'Try again. If it keeps failing, restart the app.',
  };
}
