import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { readJob } from '../../core/read-job.ts';
import { defaultSettings } from '../../core/settings.ts';

describe('readJob', () => {
  const stateCases: Array<[string, string]> = [
    ['complete', 'completed'],
    ['Completed', 'completed'],
    ['succeeded', 'completed'],
    ['failed', 'failed'],
    ['ERROR', 'failed'],
    ['cancelled', 'failed'],
    ['pending', 'running'],
    ['queued', 'running'],
    ['', 'running'],
  ];
  for (const [word, state] of stateCases) {
    test(`reads status "${word}" as ${state}`, () => {
      const job = readJob('job-1', JSON.stringify({ status: word }), defaultSettings);

      assert.equal(job?.state, state);
      assert.equal(job?.rawStatus, word);
    });
  }

  test('takes outputs from the first field present', () => {
    const body = JSON.stringify({ status: 'complete', output: 'second', data: 'third' });

    const job = readJob('job-1', body, defaultSettings);

    assert.equal(job?.outputs, 'second');
  });

  test('reads an error message object', () => {
    const job = readJob(
      'job-1',
      '{"status":"failed","error":{"message":"Step 2 failed"}}',
      defaultSettings,
    );

    assert.equal(job?.jobError, 'Step 2 failed');
  });

  test('keeps the raw body', () => {
    const body = '{"status":"running","extra":[1,2,3]}';

    assert.equal(readJob('job-1', body, defaultSettings)?.rawBody, body);
  });

  test('returns undefined for non-object JSON', () => {
    assert.equal(readJob('job-1', '[]', defaultSettings), undefined);
    assert.equal(readJob('job-1', 'not json', defaultSettings), undefined);
  });

  test('uses custom status words', () => {
    const settings = { ...defaultSettings, doneWords: ['finished'] };

    assert.equal(readJob('job-1', '{"state":"FINISHED"}', settings)?.state, 'completed');
  });
});
