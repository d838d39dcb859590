import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  defaultSettings,
  findBaseUrlProblem,
  normalizeBaseUrl,
  resolveSettings,
} from '../../core/settings.ts';

describe('normalizeBaseUrl', () => {
  const cases: Array<[string, string]> = [
    ['https://ai.hatz.ai/v1', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/', 'https://ai.hatz.ai/v1'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1'],
    ['  https://proxy.example/hatz/v1  ', 'https://proxy.example/hatz/v1'],
  ];
  for (const [input, expected] of cases) {
    test(`turns "${input.trim()}" into ${expected}`, () => {
      assert.equal(normalizeBaseUrl(input), expected);
    });
  }
});

describe('findBaseUrlProblem', () => {
  const cases: Array<[string, RegExp]> = [
    ['ai.hatz.ai/v1', /is not a URL/],
    ['ftp://ai.hatz.ai/v1', /uses ftp:/],
    ['https://user:secret@ai.hatz.ai/v1', /user name or password/],
    ['https://ai.hatz.ai/v1?x=1', /query or fragment/],
  ];
  for (const [input, message] of cases) {
    test(`rejects ${input}`, () => {
      assert.match(findBaseUrlProblem(input) ?? '', message);
    });
  }

  test('accepts the Hatz base URL', () => {
    assert.equal(findBaseUrlProblem('https://ai.hatz.ai/v1'), undefined);
  });

  test('never echoes a password', () => {
    assert.doesNotMatch(findBaseUrlProblem('https://user:secret@ai.hatz.ai/v1') ?? '', /secret/);
  });
});

describe('resolveSettings', () => {
  test('keeps the default for an undefined override', () => {
    const settings = resolveSettings({ baseUrl: undefined, requestTimeoutMs: undefined });

    assert.equal(settings.baseUrl, 'https://ai.hatz.ai/v1');
    assert.equal(settings.requestTimeoutMs, defaultSettings.requestTimeoutMs);
  });

  test('applies a given override', () => {
    assert.equal(
      resolveSettings({ baseUrl: 'http://127.0.0.1:9' }).baseUrl,
      'http://127.0.0.1:9/v1',
    );
  });
});
