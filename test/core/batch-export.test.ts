import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { BatchRowResult } from '../../core/batch/batch-schemas.ts';
import { formatResultsCsv, formatResultsJson } from '../../core/batch/export-results.ts';
import { parseCsv } from '../../core/batch/parse-csv.ts';

const RESULT: BatchRowResult = {
  rowNumber: 1,
  status: 'completed',
  jobStatus: 'complete',
  jobId: 'job-1',
  outputSummary: '=HYPERLINK("http://example.test"), "quoted"\nnext',
  outputs: { output: 'full text' },
  requestId: 'req-1',
  httpStatus: 200,
  durationMs: 120,
  attempts: 1,
  inputsText: '{"company_name":"Acme, Inc."}',
};

describe('batch results export', () => {
  test('writes CSV that reads back cell for cell', () => {
    const parsed = parseCsv(formatResultsCsv([RESULT]));

    assert.ok(parsed.ok);
    const [header, row] = parsed.value.records;
    assert.equal(header?.cells[0], 'row');
    assert.equal(row?.cells[header!.cells.indexOf('inputs')], RESULT.inputsText);
    assert.equal(row?.cells[header!.cells.indexOf('request_id')], 'req-1');
  });

  test('defuses a cell a spreadsheet would run as a formula', () => {
    const parsed = parseCsv(formatResultsCsv([RESULT]));

    assert.ok(parsed.ok);
    const [header, row] = parsed.value.records;
    assert.equal(row?.cells[header!.cells.indexOf('output_summary')]?.startsWith("'="), true);
  });

  test('writes JSON with parsed inputs and full outputs', () => {
    const json = JSON.parse(formatResultsJson([RESULT], { batchId: 'b-1', appId: 'app-1' }));

    assert.equal(json.batch_id, 'b-1');
    assert.deepEqual(json.results[0].inputs, { company_name: 'Acme, Inc.' });
    assert.deepEqual(json.results[0].outputs, { output: 'full text' });
  });
});
