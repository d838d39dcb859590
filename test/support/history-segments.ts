import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { encodeHistoryLine } from '../../core/history/history-line.ts';
import type { HistoryRecord } from '../../core/history/history-record.ts';
import { makeHistoryRecord } from './history-records.ts';

const FIRST_SEGMENT_TIME = 1_767_225_600_000;

/** Builds `count` runs in ascending time whose inputs take about `inputBytes` bytes each. */
export function makeLargeHistoryRecords(count: number, inputBytes: number): HistoryRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const record = makeHistoryRecord();
    record.request.inputsText = JSON.stringify({ index, notes: 'x'.repeat(inputBytes) });
    return record;
  });
}

/**
 * Writes runs as segment files of about `segmentBytes` each, named in the store's pattern, as a
 * store appending them would. Returns the file names in order.
 */
export async function writeHistorySegments(
  directory: string,
  records: HistoryRecord[],
  segmentBytes = 8 * 1024 * 1024,
): Promise<string[]> {
  const names: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const name = `runs-${FIRST_SEGMENT_TIME + names.length}-0a1b2c3d.jsonl`;
    await writeFile(join(directory, name), lines.join(''));
    names.push(name);
    lines = [];
    bytes = 0;
  };
  for (const record of records) {
    const line = encodeHistoryLine({ type: 'run', record });
    lines.push(line);
    bytes += Buffer.byteLength(line);
    if (bytes >= segmentBytes) await flush();
  }
  await flush();
  return names;
}
