import type { BatchRowResult } from './batch-schemas.ts';

const CSV_COLUMNS = [
  'row',
  'status',
  'job_status',
  'job_id',
  'http_status',
  'request_id',
  'duration_ms',
  'attempts',
  'output_summary',
  'failure_kind',
  'inputs',
] as const;

/**
 * Formats results as CSV with a header line and CRLF line ends, as RFC 4180 describes. Results
 * carry no API key, so none can appear. A cell that a spreadsheet would read as a formula gets a
 * leading apostrophe, because output text comes from the server and could hold `=HYPERLINK(...)`.
 */
export function formatResultsCsv(results: readonly BatchRowResult[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const result of results) {
    const cells = [
      result.rowNumber,
      result.status,
      result.jobStatus,
      result.jobId,
      result.httpStatus,
      result.requestId,
      result.durationMs,
      result.attempts,
      result.outputSummary,
      result.failure?.kind,
      result.inputsText,
    ];
    lines.push(cells.map(formatCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Formats results as JSON in snake_case like the Hatz API, with the full outputs of each run. */
export function formatResultsJson(
  results: readonly BatchRowResult[],
  batch: { batchId: string; appId: string },
): string {
  const rows = results.map((result) => ({
    row: result.rowNumber,
    status: result.status,
    job_status: result.jobStatus,
    job_id: result.jobId,
    http_status: result.httpStatus,
    request_id: result.requestId,
    duration_ms: result.durationMs,
    attempts: result.attempts,
    output_summary: result.outputSummary,
    outputs: result.outputs ?? null,
    failure: result.failure ?? null,
    inputs: parseInputs(result.inputsText),
  }));
  return `${JSON.stringify({ batch_id: batch.batchId, app_id: batch.appId, results: rows }, null, 2)}\n`;
}

function formatCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function parseInputs(inputsText: string): unknown {
  try {
    return JSON.parse(inputsText);
  } catch {
    return inputsText;
  }
}
