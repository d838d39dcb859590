import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  exportHistoryCsv,
  exportHistoryJson,
  quoteCsvCell,
} from '../../../core/history/export-history.ts';
import { makeHistoryRecord } from '../../support/history-records.ts';

describe('history export', () => {
  test('quotes a cell with a comma, quote or line break', () => {
    assert.equal(quoteCsvCell('a,b'), '"a,b"');
    assert.equal(quoteCsvCell('say "hi"'), '"say ""hi"""');
    assert.equal(quoteCsvCell('two\nlines'), '"two\nlines"');
    assert.equal(quoteCsvCell('plain'), 'plain');
  });

  test('defuses a cell a spreadsheet would run', () => {
    for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      assert.equal(quoteCsvCell(formula).replace(/^"/, '').startsWith("'"), true, formula);
    }
  });

  test('writes a header and one row per run', () => {
    const records = [makeHistoryRecord(), makeHistoryRecord()];

    const lines = exportHistoryCsv(records).trimEnd().split('\r\n');

    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^id,time,workflow_name,/);
    assert.match(lines[1]!, new RegExp(`^${records[0]!.id},`));
  });

  test('keeps inputs with quotes in one cell', () => {
    const record = makeHistoryRecord();

    const row = exportHistoryCsv([record]).split('\r\n')[1]!;

    assert.match(row, /"\{""company_name"": ""Acme Corporation""/);
  });

  test('writes JSON that parses back to the records', () => {
    const records = [makeHistoryRecord()];

    assert.deepEqual(JSON.parse(exportHistoryJson(records)), records);
  });
});
