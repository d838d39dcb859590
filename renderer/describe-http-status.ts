import type { Failure } from '../core/schemas.ts';

/*
 * Meanings of the statuses a webhook run can return, worded for the person who pressed Send. The
 * codes for a missing workflow and a missing input are not documented by Hatz, so 404 and 422 read
 * as what they usually mean rather than as a certainty.
 */
const STATUS_MEANINGS: Record<number, string> = {
  400: 'Bad request, Hatz could not use it',
  401: 'Key refused',
  403: 'Permission denied for this key',
  404: 'Not found, possibly a wrong workflow id',
  408: 'Request timed out at the server',
  413: 'Request too large',
  422: 'Inputs rejected',
  429: 'Too many requests, or out of credits',
  500: 'Hatz failed on its side',
  502: 'Bad gateway, Hatz or a proxy failed',
  503: 'Hatz unavailable',
  504: 'Gateway timed out',
};

const SUCCESS_REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
};

/** The run's reading of the reply, so a 2xx status is not called a started run when it was not. */
export interface StatusContext {
  /**
   * True when the reply's status was a success but its body was not what a started run returns
   * (no job id, not JSON, or cut at the size limit).
   */
  isUnexpectedBody?: boolean;
}

/** Describes an HTTP status in a few plain words. A null status means that no reply arrived. */
export function describeHttpStatus(status: number | null, context: StatusContext = {}): string {
  if (status === null) return 'No reply';

  if (status >= 200 && status < 300) {
    const reason = SUCCESS_REASONS[status] ?? 'Success';
    return context.isUnexpectedBody
      ? `${reason}, but no job id could be read from the reply`
      : `${reason}, the run started`;
  }

  const known = STATUS_MEANINGS[status];
  if (known) return known;

  if (status >= 300 && status < 400) return 'Redirect that was not followed';
  if (status >= 400 && status < 500) return 'Request refused';
  if (status >= 500 && status < 600) return 'Server error on the Hatz side';
  return 'Unusual status';
}

/**
 * Tells whether a run failed reading the body of its run request's reply. A run that has a job id
 * got past that reply, so an `unexpected-body` failure then belongs to a later job-status read.
 */
export function isRunReplyUnexpected(run: { jobId?: string; failure?: Failure }): boolean {
  return run.jobId === undefined && run.failure?.kind === 'unexpected-body';
}
