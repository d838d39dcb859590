import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { cleanApiKey, MAX_API_KEY_LENGTH } from '../../core/clean-api-key.ts';

const KEY = 'hatz_live_0123456789abcdefWXYZ';

function cleaned(pasted: string) {
  const result = cleanApiKey(pasted);
  assert.equal(result.ok, true, result.ok ? '' : result.failure.kind);
  return result.ok ? result.value : { apiKey: '', removed: [] };
}

function rejection(pasted: string): string {
  const result = cleanApiKey(pasted);
  assert.equal(result.ok, false);
  return !result.ok && result.failure.kind === 'invalid-input' ? result.failure.message : '';
}

describe('cleanApiKey', () => {
  test('keeps a clean key unchanged', () => {
    const { apiKey, removed } = cleaned(KEY);

    assert.equal(apiKey, KEY);
    assert.deepEqual(removed, []);
  });

  const removals: Array<[string, string, string[]]> = [
    ['surrounding spaces', `  ${KEY}  `, ['surrounding spaces']],
    ['a trailing newline', `${KEY}\n`, ['a trailing line break']],
    ['a trailing CRLF', `${KEY}\r\n`, ['a trailing line break']],
    ['double quotes', `"${KEY}"`, ['quotes']],
    ['single quotes', `'${KEY}'`, ['quotes']],
    ['curly quotes', `\u201c${KEY}\u201d`, ['quotes']],
    ['an x-api-key header', `x-api-key: ${KEY}`, ['a leading "x-api-key:"']],
    ['an X-API-Key header without space', `X-API-Key:${KEY}`, ['a leading "x-api-key:"']],
    ['a Bearer scheme', `Bearer ${KEY}`, ['a leading "Bearer "']],
    ['a lower-case bearer', `bearer ${KEY}`, ['a leading "Bearer "']],
    [
      'an Authorization header',
      `Authorization: Bearer ${KEY}`,
      ['a leading "Authorization:"', 'a leading "Bearer "'],
    ],
    [
      'a quoted header line from curl',
      `'X-API-Key: ${KEY}'\n`,
      ['a trailing line break', 'quotes', 'a leading "x-api-key:"'],
    ],
    [
      'a header with a quoted value',
      ` x-api-key: "${KEY}" `,
      ['surrounding spaces', 'a leading "x-api-key:"', 'quotes'],
    ],
  ];
  for (const [name, pasted, expectedRemoved] of removals) {
    test(`removes ${name}`, () => {
      const { apiKey, removed } = cleaned(pasted);

      assert.equal(apiKey, KEY);
      assert.deepEqual([...removed].sort(), [...expectedRemoved].sort());
    });
  }

  const rejections: Array<[string, string, RegExp]> = [
    ['an empty paste', '', /empty/],
    ['only spaces', '   \n', /empty/],
    ['only quotes', '""', /empty/],
    ['only a header name', 'x-api-key:', /empty/],
    ['a space inside', 'abc def', /space or line break at position 4/],
    ['a tab inside', 'abc\tdef', /position 4/],
    ['a line break inside', 'abc\ndef', /position 4/],
    ['a control character', 'abc\u0007def', /control character \(U\+0007\) at position 4/],
    ['a delete character', 'abc\u007fdef', /control character \(U\+007F\)/],
    ['a non-ASCII letter', 'abcédef', /"é" \(U\+00E9\) at position 4/],
    ['a zero-width space', 'abc\u200bdef', /U\+200B/],
    ['a key that is too long', 'a'.repeat(MAX_API_KEY_LENGTH + 1), /more than 4096/],
  ];
  for (const [name, pasted, reason] of rejections) {
    test(`rejects ${name}`, () => {
      assert.match(rejection(pasted), reason);
    });
  }

  test('never repeats the key in a rejection', () => {
    const message = rejection(`${KEY} ${KEY}`);

    assert.doesNotMatch(message, new RegExp(KEY));
  });

  test('accepts the longest allowed key', () => {
    assert.equal(cleaned('k'.repeat(MAX_API_KEY_LENGTH)).apiKey.length, MAX_API_KEY_LENGTH);
  });

  test('stops peeling after a bounded number of layers', () => {
    const pasted = `${'"'.repeat(50)}${KEY}${'"'.repeat(50)}`;

    const result = cleanApiKey(pasted);

    assert.equal(result.ok, true);
  });

  test('returns printable ASCII without whitespace or fails', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64, unit: 'binary' }), (pasted) => {
        const result = cleanApiKey(pasted);
        if (result.ok) assert.match(result.value.apiKey, /^[\x21-\x7e]+$/);
        else assert.equal(result.failure.kind, 'invalid-input');
      }),
    );
  });

  test('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (pasted) => {
        const first = cleanApiKey(pasted);
        if (!first.ok) return;
        const second = cleanApiKey(first.value.apiKey);
        assert.equal(second.ok && second.value.apiKey, first.value.apiKey);
      }),
    );
  });
});
