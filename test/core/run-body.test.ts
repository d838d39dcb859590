import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { buildRunBody } from '../../core/run-body.ts';

const SEED_APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';

describe('buildRunBody', () => {
  test('builds the documented body', () => {
    const result = buildRunBody({
      appId: SEED_APP_ID,
      inputsText: '{"company_name":"Acme Corporation","industry":"Technology"}',
      isDraft: false,
    });

    assert.equal(result.ok, true);
    assert.deepEqual(JSON.parse(result.ok ? result.value : ''), {
      app_id: SEED_APP_ID,
      inputs: { company_name: 'Acme Corporation', industry: 'Technology' },
      is_draft_app: false,
    });
  });

  test('keeps a 20-digit number exact', () => {
    const result = buildRunBody({
      appId: SEED_APP_ID,
      inputsText: '{"n": 12345678901234567890}',
      isDraft: false,
    });

    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value : '', /"inputs":\{"n": 12345678901234567890\}/);
  });

  test('sends empty inputs as an empty object', () => {
    const result = buildRunBody({ appId: SEED_APP_ID, inputsText: '  \n', isDraft: true });

    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value : '', /"inputs":\{\},"is_draft_app":true/);
  });

  test('trims spaces around the app id', () => {
    const result = buildRunBody({ appId: ` ${SEED_APP_ID}\n`, inputsText: '{}', isDraft: false });

    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value : '', new RegExp(`"app_id":"${SEED_APP_ID}"`));
  });

  const invalidCases: Array<{ name: string; appId: string; inputsText: string; message: RegExp }> =
    [
      { name: 'empty app id', appId: '', inputsText: '{}', message: /app id is empty/ },
      {
        name: 'app id that is not a UUID',
        appId: 'abc',
        inputsText: '{}',
        message: /"abc" is not a UUID/,
      },
      {
        name: 'trailing comma',
        appId: SEED_APP_ID,
        inputsText: '{"a": 1,}',
        message: /not valid JSON/,
      },
      {
        name: 'single quotes',
        appId: SEED_APP_ID,
        inputsText: "{'a': 1}",
        message: /not valid JSON/,
      },
      { name: 'array inputs', appId: SEED_APP_ID, inputsText: '[1]', message: /not an array/ },
      { name: 'null inputs', appId: SEED_APP_ID, inputsText: 'null', message: /not null/ },
      { name: 'string inputs', appId: SEED_APP_ID, inputsText: '"x"', message: /not a string/ },
    ];
  for (const { name, appId, inputsText, message } of invalidCases) {
    test(`rejects ${name}`, () => {
      const result = buildRunBody({ appId, inputsText, isDraft: false });

      assert.equal(result.ok, false);
      assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-input');
      assert.match(
        result.ok || result.failure.kind !== 'invalid-input' ? '' : result.failure.message,
        message,
      );
    });
  }
});
