import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { AppHandlers } from '../../electron/handlers/app-handlers.ts';
import { createIpcDispatcher } from '../../electron/ipc-dispatcher.ts';

const TRUSTED_URL = 'app://renderer/index.html';

function createDispatcher() {
  const calls: Array<{ channel: string; request: unknown }> = [];
  const record = (channel: string) => async (request: unknown) => {
    calls.push({ channel, request });
    return { cancelled: true } as never;
  };
  const handlers = new Proxy({} as AppHandlers, {
    get: (_target, channel) => record(String(channel)),
  });
  const log: string[] = [];
  const dispatch = createIpcDispatcher(handlers, {
    isTrustedSender: (url) => url === TRUSTED_URL,
    log: ({ channel, outcome }) => log.push(`${channel} ${outcome}`),
  });
  return { dispatch, calls, log };
}

describe('createIpcDispatcher', () => {
  test('passes a valid request to its handler', async () => {
    const { dispatch, calls } = createDispatcher();

    const reply = await dispatch('runs.cancel', { runId: 'run-1' }, TRUSTED_URL);

    assert.deepEqual(reply, { cancelled: true });
    assert.deepEqual(calls, [{ channel: 'runs.cancel', request: { runId: 'run-1' } }]);
  });

  const rejected: Array<[string, unknown, unknown, string | undefined, RegExp]> = [
    ['another origin', 'runs.cancel', { runId: 'r' }, 'https://evil.example/', /sender frame/],
    ['a missing sender', 'runs.cancel', { runId: 'r' }, undefined, /sender frame/],
    ['an unknown channel', 'shell.exec', {}, TRUSTED_URL, /unknown channel/],
    ['a non-string channel', 42, {}, TRUSTED_URL, /unknown channel/],
    ['a prototype key as channel', '__proto__', {}, TRUSTED_URL, /unknown channel/],
    ['a missing field', 'runs.cancel', {}, TRUSTED_URL, /invalid payload at runId/],
    [
      'a wrong type',
      'runs.start',
      { appId: 1, inputsText: '{}', isDraft: false },
      TRUSTED_URL,
      /appId/,
    ],
    [
      'an extra field',
      'runs.cancel',
      { runId: 'r', shell: 'rm -rf /' },
      TRUSTED_URL,
      /invalid payload/,
    ],
    ['an oversized field', 'runs.cancel', { runId: 'r'.repeat(101) }, TRUSTED_URL, /runId/],
    ['a null payload', 'connection.get', null, TRUSTED_URL, /invalid payload/],
    [
      'a non-URL base URL',
      'connection.saveKey',
      { apiKey: 'k', baseUrl: 'nope' },
      TRUSTED_URL,
      /baseUrl/,
    ],
  ];
  for (const [name, channel, payload, sender, message] of rejected) {
    test(`rejects ${name}`, async () => {
      const { dispatch, calls } = createDispatcher();

      await assert.rejects(dispatch(channel, payload, sender), message);
      assert.equal(calls.length, 0);
    });
  }

  test('never echoes the payload in an error', async () => {
    const { dispatch } = createDispatcher();

    await assert.rejects(
      dispatch('connection.saveKey', { apiKey: 'secret-key-value', baseUrl: 'x' }, TRUSTED_URL),
      (error: Error) => {
        assert.doesNotMatch(error.message, /secret-key-value/);
        return true;
      },
    );
  });

  test('logs the channel and outcome', async () => {
    const { dispatch, log } = createDispatcher();

    await dispatch('runs.cancel', { runId: 'r' }, TRUSTED_URL);
    await dispatch('runs.cancel', {}, TRUSTED_URL).catch(() => undefined);

    assert.deepEqual(log, ['runs.cancel ok', 'runs.cancel rejected']);
  });
});
