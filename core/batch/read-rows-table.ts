import { isRecord } from '../json.ts';
import type { Result } from '../schemas.ts';
import type { RowsTable } from './batch-schemas.ts';
import { decodeText } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';

type RowsFormat = RowsTable['format'];

/**
 * Reads a rows file into a table: CSV with any common delimiter, a JSON array of input objects,
 * or JSON Lines with one object per line. The format comes from the file name's extension, or
 * from the first character when the extension is unknown.
 */
export function readRowsTable(bytes: Uint8Array, fileName = ''): Result<RowsTable> {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded.value;
  if (text.trim() === '')
    return invalid('The file is empty. Add a header line and one row per run.');

  const format = detectFormat(text, fileName);
  if (format === 'json') return readJsonArray(text, encoding);
  if (format === 'jsonl') return readJsonLines(text, encoding);
  return readCsv(text, encoding);
}

function detectFormat(text: string, fileName: string): RowsFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';

  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

function readCsv(text: string, encoding: RowsTable['encoding']): Result<RowsTable> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...dataRecords] = parsed.value.records;
  if (!header) return invalid('The CSV file has no header line. Put the input names on line 1.');

  const columns = header.cells.map((name, index) => name.trim() || `(column ${index + 1})`);
  const duplicate = findDuplicate(columns);
  if (duplicate) {
    return invalid(
      `The CSV header names column "${duplicate}" twice. Rename or remove one of them.`,
    );
  }

  const records = dataRecords.map((record) => {
    const values: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      // Spreadsheets often drop empty cells at the end of a line, so a short row reads as empty.
      values[column] = record.cells[index] ?? '';
    });
    const extraCells = record.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
    const problem =
      extraCells.length > 0
        ? `It has ${record.cells.length} cells but the header has ${columns.length} columns. Remove the extra cells or add a column name for them.`
        : undefined;
    return { line: record.line, values, problem };
  });
  return {
    ok: true,
    value: { format: 'csv', encoding, delimiter: parsed.value.delimiter, columns, records },
  };
}

const SINGLE_OBJECT_MESSAGE =
  'The JSON file contains a single object, not an array of them. Put it between [ and ] to run it as one row, such as [{"company_name": "Acme"}], and add one object per run.';

function readJsonArray(text: string, encoding: RowsTable['encoding']): Result<RowsTable> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return invalid(
      `The JSON file is not valid JSON: ${reason}. Fix it, or use one object per line (JSON Lines).`,
    );
  }
  if (isRecord(parsed)) return invalid(SINGLE_OBJECT_MESSAGE);
  if (!Array.isArray(parsed)) {
    return invalid(
      `The JSON file contains ${describeJson(parsed)}, not an array of input objects. Write one object per run in an array, such as [{"company_name": "Acme"}].`,
    );
  }

  // NOTE: JSON.parse rounds integers above 2^53, so such numbers in a JSON rows file lose digits.
  const lines = findArrayItemLines(text);
  const records = parsed.map((item: unknown, index) => ({
    line: lines[index] ?? 1,
    values: isRecord(item) ? item : {},
    problem: isRecord(item)
      ? undefined
      : `Item ${index + 1} is ${describeJson(item)}, not an object of inputs.`,
  }));
  return { ok: true, value: { format: 'json', encoding, columns: collectKeys(records), records } };
}

function readJsonLines(text: string, encoding: RowsTable['encoding']): Result<RowsTable> {
  // An object spread over several lines is not JSON Lines, but one object meant as one row.
  if (/[\r\n]/.test(text.trim()) && isRecord(parseJsonOrUndefined(text))) {
    return invalid(SINGLE_OBJECT_MESSAGE);
  }
  const records: RowsTable['records'] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    const line = index + 1;
    let item: unknown;
    try {
      item = JSON.parse(lineText);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      records.push({ line, values: {}, problem: `Line ${line} is not valid JSON: ${reason}.` });
      return;
    }
    records.push({
      line,
      values: isRecord(item) ? item : {},
      problem: isRecord(item)
        ? undefined
        : `Line ${line} is ${describeJson(item)}, not an object of inputs.`,
    });
  });
  return { ok: true, value: { format: 'jsonl', encoding, columns: collectKeys(records), records } };
}

/**
 * Returns the 1-based line on which each item of the top-level JSON array in `text` starts.
 * `text` must be valid JSON, so only strings, nesting and line breaks need tracking.
 */
function findArrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let isInString = false;
  let isEscaped = false;
  let isExpectingItem = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line++;
      continue;
    }
    if (isInString) {
      if (isEscaped) isEscaped = false;
      else if (char === '\\') isEscaped = true;
      else if (char === '"') isInString = false;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 1 && isExpectingItem && char !== ']') {
      lines.push(line);
      isExpectingItem = false;
    }
    if (char === '"') isInString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) isExpectingItem = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) isExpectingItem = true;
  }
  return lines;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keys of all records in the order they first appear. */
function collectKeys(records: RowsTable['records']): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record.values)) keys.add(key);
  return [...keys];
}

function findDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function invalid<T>(message: string): Result<T> {
  return { ok: false, failure: { kind: 'invalid-input', message } };
}
