import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describeHttpStatus, isRunReplyUnexpected } from '../../renderer/describe-http-status.ts';

describe('describeHttpStatus', () => {
  test('200 with a readable reply started the run', () => {
    assert.equal(describeHttpStatus(200), 'OK, the run started');
  });

  test('200 with an unexpected body did not', () => {
    const meaning = describeHttpStatus(200, { isUnexpectedBody: true });

    assert.equal(meaning, 'OK, but no job id could be read from the reply');
    assert.doesNotMatch(meaning, /run started/);
  });

  test('other 2xx with an unexpected body', () => {
    assert.equal(
      describeHttpStatus(202, { isUnexpectedBody: true }),
      'Accepted, but no job id could be read from the reply',
    );
    assert.equal(
      describeHttpStatus(299, { isUnexpectedBody: true }),
      'Success, but no job id could be read from the reply',
    );
  });

  test('error status ignores the body context', () => {
    assert.equal(describeHttpStatus(404, { isUnexpectedBody: true }), describeHttpStatus(404));
  });
});

describe('isRunReplyUnexpected', () => {
  const unexpectedBody = { kind: 'unexpected-body', message: 'the reply is not JSON' } as const;

  test('unexpected body before a job id', () => {
    assert.equal(isRunReplyUnexpected({ failure: unexpectedBody }), true);
  });

  test('unexpected body after a job id', () => {
    assert.equal(isRunReplyUnexpected({ jobId: 'job-1', failure: unexpectedBody }), false);
  });

  test('other failure before a job id', () => {
    assert.equal(isRunReplyUnexpected({ failure: { kind: 'server-error' } }), false);
  });

  test('run without a failure', () => {
    assert.equal(isRunReplyUnexpected({}), false);
  });
});
