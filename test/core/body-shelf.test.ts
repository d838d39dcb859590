import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createBodyShelf, holdLargeBodies, MAX_INLINE_BODY_LENGTH } from '../../core/body-shelf.ts';
import type { HttpExchange, JobSnapshot } from '../../core/schemas.ts';

function exchangeWithBody(responseBody: string): HttpExchange {
  return {
    method: 'POST',
    url: 'http://127.0.0.1:1/v1/workflows/run',
    requestId: 'request-1',
    requestHeaders: [],
    startedAt: '2026-12-04T10:00:00.000Z',
    durationMs: 12,
    status: 200,
    statusText: 'OK',
    responseHeaders: [],
    responseBody,
    responseBodyTruncated: false,
  };
}

function jobWithBody(rawBody: string): JobSnapshot {
  return {
    jobId: 'job-1',
    state: 'completed',
    rawStatus: 'complete',
    rawBody,
    checkedAt: '2026-12-04T10:00:01.000Z',
  };
}

describe('createBodyShelf', () => {
  test('reads back the range asked for', () => {
    const shelf = createBodyShelf();

    const heldBody = shelf.hold('0123456789');

    assert.equal(heldBody.length, 10);
    assert.equal(shelf.read(heldBody.id, 2, 5), '234');
  });

  test('returns undefined for an id it never held', () => {
    const shelf = createBodyShelf();

    assert.equal(shelf.read('not-an-id', 0, 10), undefined);
  });

  test('lets the oldest body go once the total passes the limit', () => {
    const shelf = createBodyShelf({ maxHeldLength: 25 });

    const first = shelf.hold('a'.repeat(10));
    const second = shelf.hold('b'.repeat(10));
    const third = shelf.hold('c'.repeat(10));

    assert.equal(shelf.read(first.id, 0, 1), undefined);
    assert.equal(shelf.read(second.id, 0, 1), 'b');
    assert.equal(shelf.read(third.id, 0, 1), 'c');
    assert.equal(shelf.heldLength, 20);
  });

  test('keeps the newest body even when it alone passes the limit', () => {
    const shelf = createBodyShelf({ maxHeldLength: 5 });

    const older = shelf.hold('a'.repeat(3));
    const newest = shelf.hold('b'.repeat(10));

    assert.equal(shelf.read(older.id, 0, 1), undefined);
    assert.equal(shelf.read(newest.id, 9, 10), 'b');
  });
});

describe('holdLargeBodies', () => {
  test('returns a value with small bodies unchanged', () => {
    const shelf = createBodyShelf();
    const snapshot = { exchange: exchangeWithBody('{"job_id":"job-1"}'), job: jobWithBody('{}') };

    const result = holdLargeBodies(snapshot, shelf);

    assert.equal(result, snapshot);
    assert.equal(shelf.heldLength, 0);
  });

  test('replaces a large response body by its held id and length', () => {
    const shelf = createBodyShelf();
    const body = 'x'.repeat(MAX_INLINE_BODY_LENGTH + 1);
    const snapshot = { exchange: exchangeWithBody(body) };

    const result = holdLargeBodies(snapshot, shelf);
    const heldBody = result.exchange?.heldResponseBody;

    assert.equal(result.exchange?.responseBody, '');
    assert.equal(heldBody?.length, body.length);
    assert.equal(shelf.read(heldBody?.id ?? '', 0, body.length), body);
  });

  test('replaces a large raw job body by its held id and length', () => {
    const shelf = createBodyShelf();
    const body = 'y'.repeat(MAX_INLINE_BODY_LENGTH + 1);
    const snapshot = { exchange: exchangeWithBody('{}'), job: jobWithBody(body) };

    const result = holdLargeBodies(snapshot, shelf);
    const heldBody = result.job?.heldRawBody;

    assert.equal(result.job?.rawBody, '');
    assert.equal(result.exchange?.responseBody, '{}');
    assert.equal(shelf.read(heldBody?.id ?? '', body.length - 3, body.length), 'yyy');
  });

  test('leaves the original value whole', () => {
    const shelf = createBodyShelf();
    const body = 'z'.repeat(MAX_INLINE_BODY_LENGTH + 1);
    const snapshot = { exchange: exchangeWithBody(body) };

    holdLargeBodies(snapshot, shelf);

    assert.equal(snapshot.exchange.responseBody, body);
    assert.equal(snapshot.exchange.heldResponseBody, undefined);
  });

  test('keeps a body of exactly the inline limit inline', () => {
    const shelf = createBodyShelf();
    const body = 'w'.repeat(MAX_INLINE_BODY_LENGTH);

    const result = holdLargeBodies({ exchange: exchangeWithBody(body) }, shelf);

    assert.equal(result.exchange?.responseBody, body);
    assert.equal(result.exchange?.heldResponseBody, undefined);
  });
});
