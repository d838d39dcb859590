import { isRecord, tryParseJson } from './json.ts';
import type { JobSnapshot } from './schemas.ts';
import type { ClientSettings } from './settings.ts';

type JobWords = Pick<ClientSettings, 'doneWords' | 'failedWords' | 'outputFields'>;

/**
 * Reads a job-status reply loosely, because Hatz does not document its shape: a status word from
 * `status` or `state`, outputs from the first of `settings.outputFields` present, and an error
 * from `error`. Returns undefined when the body is not a JSON object.
 */
export function readJob(jobId: string, body: string, settings: JobWords): JobSnapshot | undefined {
  const parsed = tryParseJson(body);
  if (!isRecord(parsed)) return undefined;

  const rawStatus = String(parsed.status ?? parsed.state ?? '');
  const word = rawStatus.toLowerCase();
  let state: JobSnapshot['state'] = 'running';
  if (settings.doneWords.some((done) => done.toLowerCase() === word)) state = 'completed';
  else if (settings.failedWords.some((failed) => failed.toLowerCase() === word)) state = 'failed';
  const outputField = settings.outputFields.find(
    (field) => parsed[field] !== undefined && parsed[field] !== null,
  );

  return {
    jobId,
    state,
    rawStatus,
    outputs: outputField === undefined ? undefined : parsed[outputField],
    jobError: readJobError(parsed.error),
    rawBody: body,
    checkedAt: new Date().toISOString(),
  };
}

function readJobError(error: unknown): string | undefined {
  if (typeof error === 'string' && error !== '') return error;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return undefined;
}
