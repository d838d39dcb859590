import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { decodeHistoryLine, encodeHistoryLine } from '../../../core/history/history-line.ts';
import { makeHistoryRecord } from '../../support/history-records.ts';

describe('decodeHistoryLine', () => {
  test('reads back an encoded run', () => {
    const record = makeHistoryRecord();

    const line = decodeHistoryLine(encodeHistoryLine({ type: 'run', record }).trimEnd());

    assert.deepEqual(line, { type: 'run', record });
  });

  test('encodes one line ending in a newline', () => {
    const record = makeHistoryRecord({
      request: { ...makeHistoryRecord().request, inputsText: '{\n"a": "x\\ny"\r\n}' },
    });

    const text = encodeHistoryLine({ type: 'run', record });

    assert.equal(text.indexOf('\n'), text.length - 1);
  });

  const rejected: Array<[string, string]> = [
    ['an empty line', ''],
    ['text that is not JSON', 'not json'],
    ['a torn line', '{"format":1,"type":"run","record":{"id":"a"'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"run"'],
    ['null', 'null'],
    ['an unknown type', '{"format":1,"type":"rename","id":"a"}'],
    ['a run without an id', '{"format":1,"type":"run","record":{"time":"2026-01-01"}}'],
    ['a run with a numeric id', '{"format":1,"type":"run","record":{"id":1,"time":"x"}}'],
    ['a delete without ids', '{"format":1,"type":"delete"}'],
    ['a delete with numeric ids', '{"format":1,"type":"delete","ids":[1]}'],
    ['a pin without a boolean', '{"format":1,"type":"pin","id":"a","pinned":"yes"}'],
    ['a bare object without an id', '{"time":"2026-01-01"}'],
  ];
  for (const [name, text] of rejected) {
    test(`rejects ${name}`, () => {
      assert.equal(decodeHistoryLine(text), undefined);
    });
  }

  test('ignores a __proto__ key in a record', () => {
    const text =
      '{"format":1,"type":"run","record":{"id":"a","time":"t","__proto__":{"pinned":true}}}';

    const line = decodeHistoryLine(text);

    assert.equal(line?.type === 'run' ? line.record.pinned : undefined, false);
    assert.equal(({} as Record<string, unknown>).pinned, undefined);
  });

  test('drops a malformed field and keeps the run', () => {
    const text =
      '{"format":1,"type":"run","record":{"id":"a","time":"t","exchange":{"status":"x"},"key":{"label":1}}}';

    const line = decodeHistoryLine(text);

    assert.equal(line?.type, 'run');
    assert.equal(line?.type === 'run' ? line.record.exchange : 'missing', undefined);
    assert.equal(line?.type === 'run' ? line.record.key : 'missing', null);
  });

  test('reads an old unfollowed completed run as started', () => {
    const { job: _job, ...unfollowed } = makeHistoryRecord({ phase: 'completed', jobId: 'job-9' });
    const text = JSON.stringify({ format: 1, type: 'run', record: unfollowed });

    const line = decodeHistoryLine(text);

    assert.equal(line?.type, 'run');
    assert.equal(line?.type === 'run' ? line.record.phase : undefined, 'started');
    assert.equal(line?.type === 'run' ? line.record.jobId : undefined, 'job-9');
  });

  test('keeps a followed completed run completed', () => {
    const record = makeHistoryRecord({ phase: 'completed' });

    const line = decodeHistoryLine(JSON.stringify({ format: 1, type: 'run', record }));

    assert.equal(line?.type === 'run' ? line.record.phase : undefined, 'completed');
  });

  test('keeps a failed run without a job failed', () => {
    const { job: _job, ...failed } = makeHistoryRecord({ phase: 'failed', jobId: 'job-9' });

    const line = decodeHistoryLine(JSON.stringify(failed));

    assert.equal(line?.type === 'run' ? line.record.phase : undefined, 'failed');
  });
});
