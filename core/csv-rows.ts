import type { Result, UserInput } from './schemas.ts';
import type { BatchRow, ColumnMapping, RowsTable } from './batch/batch-schemas.ts';
import { checkRows } from './batch/check-rows.ts';
import { findMissingRequired, mapColumns } from './batch/map-columns.ts';
import { readRowsTable } from './batch/read-rows-table.ts';

/** Largest rows file accepted, in bytes; the app and the CLI share it. */
export const MAX_ROWS_FILE_BYTES = 20 * 1024 * 1024;
/** Maximum number of rows in one batch. Each row is a run that uses credits, so a bigger file is likely a mistake. */
export const MAX_BATCH_ROWS = 10_000;

/** A rows file read, mapped to a workflow's inputs and checked, ready to review and run. */
export interface LoadedRows {
  table: RowsTable;
  mapping: ColumnMapping;
  rows: BatchRow[];
}

/**
 * Loads the rows of a batch from a file's bytes: decodes and parses them, maps the columns to the
 * workflow's inputs, then checks every row. `assignments` replaces the automatic mapping for the
 * columns it names, for instance to accept a suggestion.
 */
export function loadRows(options: {
  bytes: Uint8Array;
  fileName?: string;
  inputs: readonly UserInput[];
  assignments?: Record<string, string | null>;
}): Result<LoadedRows> {
  if (options.bytes.byteLength > MAX_ROWS_FILE_BYTES) {
    return invalid(
      `The rows file is ${formatMegabytes(options.bytes.byteLength)}; the limit is ${formatMegabytes(MAX_ROWS_FILE_BYTES)}. Split it into smaller files.`,
    );
  }
  const table = readRowsTable(options.bytes, options.fileName);
  if (!table.ok) return table;
  if (table.value.records.length === 0) {
    return invalid(
      table.value.format === 'json'
        ? 'The JSON array is empty. Add one object of inputs per run, such as [{"company_name": "Acme"}].'
        : 'The file has no rows, only a header. Add one row per run below the header.',
    );
  }
  if (table.value.records.length > MAX_BATCH_ROWS) {
    return invalid(
      `The file has ${table.value.records.length} rows; a batch takes at most ${MAX_BATCH_ROWS}. Split it into smaller files.`,
    );
  }

  return { ok: true, value: mapAndCheck(table.value, options.inputs, options.assignments) };
}

/** Maps and checks an already read table again, after the user changed assignments. */
export function mapAndCheck(
  table: RowsTable,
  inputs: readonly UserInput[],
  assignments: Record<string, string | null> = {},
): LoadedRows {
  const mapping = mapColumns(table.columns, inputs);
  const inputNames = new Set(inputs.map((input) => input.variableName));
  for (const [column, input] of Object.entries(assignments)) {
    // A renderer may send anything, so only known columns and declared inputs are taken.
    if (!Object.hasOwn(mapping.assignments, column)) continue;
    if (input !== null && !inputNames.has(input)) continue;
    mapping.assignments[column] = input;
  }
  mapping.suggestions = mapping.suggestions.filter(
    (suggestion) => mapping.assignments[suggestion.column] === null,
  );
  mapping.missingRequired = findMissingRequired(mapping.assignments, inputs);

  return { table, mapping, rows: checkRows(table, mapping.assignments, inputs) };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function invalid<T>(message: string): Result<T> {
  return { ok: false, failure: { kind: 'invalid-input', message } };
}
