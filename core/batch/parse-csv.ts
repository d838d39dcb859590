import type { Result } from '../schemas.ts';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One record of a CSV file: its cells and the 1-based line where it starts. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
}

/** Records read to choose the delimiter; enough for a header and a few data rows. */
const SNIFF_RECORDS = 20;

/**
 * Parses CSV text as RFC 4180 describes it, with any of the four delimiters: fields in double
 * quotes may contain the delimiter, line breaks and doubled quotes (`""`). Lines may end in CRLF,
 * LF or CR. Blank lines are skipped. An Excel `sep=;` first line sets the delimiter. Without one,
 * the delimiter is the candidate that splits the first records into the same number of cells.
 */
export function parseCsv(text: string, delimiter?: CsvDelimiter): Result<ParsedCsv> {
  const hint = /^sep=(.)\r?\n/i.exec(text);
  let body = text;
  let firstLine = 1;
  if (hint && isDelimiter(hint[1])) {
    delimiter ??= hint[1];
    body = text.slice(hint[0].length);
    firstLine = 2;
  }

  const chosen = delimiter ?? detectDelimiter(body);
  const records = splitRecords(body, chosen, firstLine);
  if (!records.ok) return records;
  return { ok: true, value: { delimiter: chosen, records: records.value } };
}

/**
 * Picks the delimiter whose first records have a constant cell count above one, preferring the
 * one that gives the header the most cells. A file with a single column falls back to a comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    const records = splitRecords(text, delimiter, 1, SNIFF_RECORDS);
    if (!records.ok || records.value.length === 0) continue;

    const headerCount = records.value[0]!.cells.length;
    if (headerCount < 2) continue;
    const consistent = records.value.filter((record) => record.cells.length === headerCount);
    // Consistency counts first, so a comma inside unquoted text does not beat a real semicolon.
    const score = (consistent.length / records.value.length) * 1000 + headerCount;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function isDelimiter(value: string | undefined): value is CsvDelimiter {
  return CSV_DELIMITERS.some((delimiter) => delimiter === value);
}

/** Splits text into records; stops after `limit` records when given. */
function splitRecords(
  text: string,
  delimiter: CsvDelimiter,
  firstLine: number,
  limit = Number.POSITIVE_INFINITY,
): Result<CsvRecord[]> {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  let isAfterClosingQuote = false;
  let line = firstLine;
  let recordLine = firstLine;
  let quoteLine = firstLine;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    isAfterClosingQuote = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is one empty cell; it carries no row.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line: recordLine });
    cells = [];
  };

  for (let index = 0; index < text.length && records.length < limit; index++) {
    const char = text[index]!;
    if (isQuoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index++;
        } else {
          isQuoted = false;
          isAfterClosingQuote = true;
        }
      } else {
        if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++;
        cell += char;
      }
      continue;
    }

    if (char === delimiter) {
      endCell();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else if (isAfterClosingQuote) {
      return invalid(
        `Line ${line}: text follows the closing quote of a field. Put the whole field in quotes and write a quote inside it as "".`,
      );
    } else if (char === '"' && cell === '') {
      isQuoted = true;
      quoteLine = line;
    } else {
      // A quote inside an unquoted field is kept as text, as spreadsheet programs do.
      cell += char;
    }
  }

  if (isQuoted) {
    return invalid(
      `Line ${quoteLine}: a quoted field is never closed. Add the closing quote, or write a quote inside a field as "".`,
    );
  }
  if (records.length < limit && (cell !== '' || cells.length > 0 || isAfterClosingQuote)) {
    endRecord();
  }
  return { ok: true, value: records };
}

function invalid<T>(message: string): Result<T> {
  return {
    ok: false,
    failure: { kind: 'invalid-input', message: `The CSV file is invalid. ${message}` },
  };
}
