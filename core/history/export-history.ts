import type { HistoryRecord } from './history-record.ts';
import { describeOutputs } from './history-summary.ts';

const CSV_COLUMNS = [
  'id',
  'time',
  'workflow_name',
  'app_id',
  'is_draft',
  'base_url',
  'phase',
  'http_status',
  'request_id',
  'job_id',
  'job_status',
  'key_label',
  'key_last_four',
  'batch_id',
  'pinned',
  'total_ms',
  'inputs',
  'outputs',
  'failure',
] as const;

/** Formats runs as a JSON array of their records. Records hold a key's label and last four only. */
export function exportHistoryJson(records: HistoryRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Formats runs as CSV (RFC 4180), one row per run, with inputs and outputs as text. */
export function exportHistoryCsv(records: HistoryRecord[]): string {
  const rows = records.map((record) => {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: record.id,
      time: record.time,
      workflow_name: record.request.workflowName,
      app_id: record.request.appId,
      is_draft: String(record.request.isDraft),
      base_url: record.request.baseUrl,
      phase: record.phase,
      http_status: record.exchange?.status == null ? '' : String(record.exchange.status),
      request_id: record.requestId ?? '',
      job_id: record.jobId ?? '',
      job_status: record.job?.rawStatus ?? '',
      key_label: record.key?.label ?? '',
      key_last_four: record.key?.lastFour ?? '',
      batch_id: record.batchId ?? '',
      pinned: String(record.pinned),
      total_ms: String(Math.round(record.totalMs)),
      inputs: record.request.inputsText,
      outputs: describeOutputs(record.job?.outputs),
      failure: record.failure?.kind ?? '',
    };
    return CSV_COLUMNS.map((column) => quoteCsvCell(cells[column])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * Quotes a cell when it contains a comma, quote or line break. A cell that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading `'`, because
 * outputs come from a server and must not execute when the file is opened.
 */
export function quoteCsvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
