import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkAppId } from '../../core/app-id.ts';

const APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';

describe('checkAppId', () => {
  test('accepts a UUID', () => {
    assert.deepEqual(checkAppId(APP_ID), { ok: true, appId: APP_ID });
  });

  test('accepts upper case and surrounding spaces', () => {
    assert.deepEqual(checkAppId(`  ${APP_ID.toUpperCase()}\n`), {
      ok: true,
      appId: APP_ID.toUpperCase(),
    });
  });

  test('rejects empty text', () => {
    const check = checkAppId('   ');

    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.message, /empty/);
  });

  test('names the position of an inner space', () => {
    const check = checkAppId('2cfc529e-6fd9 -4a82-8f27-87b6f395c930');

    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.message, /space at position 14/);
    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('offers the id inside braces', () => {
    const check = checkAppId(`{${APP_ID}}`);

    assert.match(check.ok ? '' : check.message, /wrapped in \{\}/);
    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('offers the id inside quotes', () => {
    const check = checkAppId(`"${APP_ID}"`);

    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('offers the id from a pasted URL', () => {
    const check = checkAppId(`https://ai.hatz.ai/workshop/workflows/${APP_ID}/edit?tab=webhook`);

    assert.match(check.ok ? '' : check.message, /web address/);
    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('explains a URL without an id', () => {
    const check = checkAppId('https://ai.hatz.ai/v1/workflows/run');

    assert.match(check.ok ? '' : check.message, /contains none/);
    assert.equal(check.ok ? 'x' : check.suggestion, undefined);
  });

  test('reports a missing part', () => {
    const check = checkAppId('2cfc529e-6fd9-4a82-87b6f395c930');

    assert.match(check.ok ? '' : check.message, /4 parts/);
  });

  test('reports a part of wrong length', () => {
    const check = checkAppId('2cfc529e-6fd9-4a82-8f2-87b6f395c930');

    assert.match(check.ok ? '' : check.message, /part 4, "8f2", has 3 characters instead of 4/);
  });

  test('reports a letter outside a-f', () => {
    const check = checkAppId('2cfc529g-6fd9-4a82-8f27-87b6f395c930');

    assert.match(check.ok ? '' : check.message, /"g" at position 8/);
  });

  test('offers dashes for 32 hex digits', () => {
    const check = checkAppId(APP_ID.replaceAll('-', ''));

    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('finds an id among extra text', () => {
    const check = checkAppId(`app_id:${APP_ID}`);

    assert.equal(check.ok ? '' : check.suggestion, APP_ID);
  });

  test('shortens a very long value in its message', () => {
    const check = checkAppId('x'.repeat(10_000));

    assert.ok((check.ok ? '' : check.message).length < 400);
  });
});
