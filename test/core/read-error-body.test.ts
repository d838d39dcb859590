import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { readErrorBody, readMissingInputs } from '../../core/read-error-body.ts';

describe('readErrorBody', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['a detail string', '{"detail":"Invalid app_id"}', 'Invalid app_id'],
    [
      'a FastAPI detail list',
      '{"detail":[{"loc":["body","app_id"],"msg":"field required","type":"missing"}]}',
      'body.app_id: field required',
    ],
    ['an error object', '{"error":{"message":"No credits"}}', 'No credits'],
    ['a message field', '{"message":"Slow down"}', 'Slow down'],
    ['plain text', 'Bad gateway', 'Bad gateway'],
    ['an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', '502 Bad Gateway'],
    ['an empty body', '  ', undefined],
    ['a JSON string', '"oops"', 'oops'],
  ];
  for (const [name, body, expected] of cases) {
    test(`reads ${name}`, () => {
      assert.equal(readErrorBody(body), expected);
    });
  }

  test('shortens a huge body', () => {
    const message = readErrorBody('x'.repeat(10_000));

    assert.equal(message?.length, 501);
    assert.ok(message?.endsWith('…'));
  });
});

describe('readMissingInputs', () => {
  test('reads names from message text', () => {
    const names = readMissingInputs('', 'Missing required inputs: company_name, industry');

    assert.deepEqual(names, ['company_name', 'industry']);
  });

  test('reads names from a FastAPI list', () => {
    const body =
      '{"detail":[{"loc":["body","inputs","industry"],"msg":"Missing required input","type":"missing"}]}';

    assert.deepEqual(readMissingInputs(body, ''), ['industry']);
  });

  test('returns nothing when no name is given', () => {
    assert.deepEqual(readMissingInputs('', 'Missing required inputs'), []);
  });
});
