import { explainFailure } from '../explain-failure.ts';
import type { RunSnapshot } from '../schemas.ts';
import type { BatchRowResult, BatchRowStatus } from './batch-schemas.ts';

/** Characters of the outputs kept in a result's one-line summary. */
const SUMMARY_LENGTH = 200;

/** Builds a row's final result from the last snapshot of its run. */
export function summarizeRun(params: {
  rowNumber: number;
  inputsText: string;
  snapshot: RunSnapshot;
  attempts: number;
  durationMs: number;
}): BatchRowResult {
  const { snapshot } = params;
  const status = readStatus(snapshot);
  const failure = snapshot.failure;
  const outputs = snapshot.job?.outputs;
  const outputSummary = failure
    ? summarizeFailure(failure)
    : outputs !== undefined
      ? summarizeOutputs(outputs)
      : '';

  return {
    rowNumber: params.rowNumber,
    status,
    jobStatus: snapshot.job?.rawStatus ?? null,
    jobId: snapshot.jobId ?? null,
    outputSummary,
    outputs,
    requestId: failure?.requestId ?? snapshot.exchange?.requestId ?? null,
    httpStatus: snapshot.exchange?.status ?? null,
    durationMs: params.durationMs,
    attempts: params.attempts,
    failure,
    inputsText: params.inputsText,
  };
}

function readStatus(snapshot: RunSnapshot): BatchRowStatus {
  if (snapshot.phase === 'cancelled') return 'cancelled';
  if (snapshot.phase === 'failed') return 'failed';
  return snapshot.job?.state === 'completed' ? 'completed' : 'started';
}

function summarizeFailure(failure: NonNullable<RunSnapshot['failure']>): string {
  const { title, detail } = explainFailure(failure);
  const jobError = failure.kind === 'job-failed' && failure.jobError ? ` ${failure.jobError}` : '';
  return shorten(`${title}: ${detail}${jobError}`);
}

/** The outputs as one line: the text of `{output}` when the job has one, JSON otherwise. */
export function summarizeOutputs(outputs: unknown): string {
  let text: string;
  if (typeof outputs === 'string') text = outputs;
  else if (
    typeof outputs === 'object' &&
    outputs !== null &&
    'output' in outputs &&
    typeof outputs.output === 'string'
  )
    text = outputs.output;
  else text = JSON.stringify(outputs) ?? '';
  return shorten(text);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SUMMARY_LENGTH ? `${oneLine.slice(0, SUMMARY_LENGTH - 1)}…` : oneLine;
}
