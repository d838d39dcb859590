/*
 * Meanings of the statuses a webhook run can return, worded for the person who pressed Send. The
 * codes for a missing workflow and a missing input are not documented by Hatz, so 404 and 422 read
 * as what they usually mean rather than as a certainty.
 */
const STATUS_MEANINGS: Record<number, string> = {
  200: 'OK, the run started',
  201: 'Created, the run started',
  202: 'Accepted, the run started',
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

/** Describes an HTTP status in a few plain words. A null status means that no reply arrived. */
export function describeHttpStatus(status: number | null): string {
  if (status === null) return 'No reply';

  const known = STATUS_MEANINGS[status];
  if (known) return known;

  if (status >= 200 && status < 300) return 'Success, the run started';
  if (status >= 300 && status < 400) return 'Redirect that was not followed';
  if (status >= 400 && status < 500) return 'Request refused';
  if (status >= 500 && status < 600) return 'Server error on the Hatz side';
  return 'Unusual status';
}
