import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  defaultSettings,
  findBaseUrlProblem,
  findTimerSettingsProblem,
  MAX_TIMER_MS,
  MAX_TIMER_SECONDS,
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

describe('findBaseUrlProblem with an endpoint', () => {
  const endpoints: Array<[string, string, string]> = [
    ['http://127.0.0.1:8080/v1/workflows/run', '/workflows/run', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/v1/workflows/run/', '/workflows/run', 'http://127.0.0.1:8080/v1'],
    ['https://ai.hatz.ai/v1/workflows/job-1', '/workflows/job-1', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/workflows', '/workflows', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/app/list', '/app/list', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/app/abc/query', '/app/abc/query', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/chat/models', '/chat/models', 'https://ai.hatz.ai/v1'],
    ['https://ai.hatz.ai/v1/files/upload', '/files/upload', 'https://ai.hatz.ai/v1'],
    ['https://proxy.example/hatz/v1/app/list', '/app/list', 'https://proxy.example/hatz/v1'],
    ['http://127.0.0.1:8080/workflows/run', '/workflows/run', 'http://127.0.0.1:8080/v1'],
  ];
  for (const [baseUrl, endpoint, suggestion] of endpoints) {
    test(`rejects ${baseUrl}`, () => {
      const problem = findBaseUrlProblem(baseUrl) ?? '';

      assert.match(problem, /is an endpoint/);
      assert.ok(problem.includes(`ends in ${endpoint}.`), problem);
      assert.ok(problem.includes(`such as ${suggestion}.`), problem);
      assert.match(problem, /Use the part up to \/v1/);
    });
  }

  const bases = [
    'https://ai.hatz.ai/v1',
    'https://proxy.example/app/v1',
    'https://proxy.example/workflows/hatz/v2',
    'http://127.0.0.1:8080',
  ];
  for (const baseUrl of bases) {
    test(`accepts ${baseUrl}`, () => {
      assert.equal(findBaseUrlProblem(baseUrl), undefined);
    });
  }

  test('normalizeBaseUrl throws the endpoint message', () => {
    assert.throws(
      () => normalizeBaseUrl('http://127.0.0.1:8080/v1/workflows/run'),
      /is an endpoint: it ends in \/workflows\/run/,
    );
  });
});

describe('timer settings', () => {
  test('MAX_TIMER_SECONDS is 2,147,483 s', () => {
    assert.equal(MAX_TIMER_MS, 2_147_483_647);
    assert.equal(MAX_TIMER_SECONDS, 2_147_483);
  });

  for (const name of ['requestTimeoutMs', 'jobTimeoutMs', 'pollInitialMs', 'pollMaxMs'] as const) {
    test(`resolveSettings rejects ${name} above the timer maximum`, () => {
      assert.throws(
        () => resolveSettings({ [name]: MAX_TIMER_MS + 1 }),
        (error: Error) => {
          assert.ok(error.message.includes(name), error.message);
          assert.ok(error.message.includes(String(MAX_TIMER_MS + 1)), error.message);
          assert.ok(error.message.includes(`maximum of ${MAX_TIMER_MS} ms`), error.message);
          return true;
        },
      );
    });

    test(`resolveSettings rejects ${name} of zero`, () => {
      assert.throws(() => resolveSettings({ [name]: 0 }), /positive number of milliseconds/);
    });
  }

  test('findTimerSettingsProblem accepts the maximum', () => {
    const settings = { ...defaultSettings, jobTimeoutMs: MAX_TIMER_MS };

    assert.equal(findTimerSettingsProblem(settings), undefined);
  });
});
