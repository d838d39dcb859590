import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import fc from 'fast-check';

import { invokeChannels } from '../../core/ipc-contract.ts';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/ipc-dispatcher.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';

const TRUSTED_URL = 'app://renderer/index.html';
const RUNS_PER_CHANNEL = 300;

/** Payloads that have broken naive validators: prototype keys, huge and odd values. */
const hostilePayloads: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  { toString: 'not a function' },
  'x'.repeat(6 * 1024 * 1024),
  Array.from({ length: 10_000 }, () => ({})),
  { search: 'a'.repeat(100_000) },
  { appId: '\u0000', inputsText: '\uD800', isDraft: false },
  Number.NaN,
  -0,
  Symbol.for('x').description,
];

describe('IPC handlers under generated payloads', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let dispatch: IpcDispatch;
  let dispose: () => Promise<void>;
  const refusedUrls: string[] = [];

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-ipc-fuzz-'));
    // Generated base URLs can name any host, so requests leave this process only for loopback.
    const loopbackFetch: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname !== '127.0.0.1') {
        refusedUrls.push(url.href);
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }
      return fetch(input, init);
    };
    const app = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      fetch: loopbackFetch,
      settings: { pollInitialMs: 10, pollMaxMs: 20, jobTimeoutMs: 2_000 },
    });
    dispose = app.dispose;
    dispatch = createIpcDispatcher(app.handlers, {
      isTrustedSender: (url) => url === TRUSTED_URL,
      log: () => {},
    });
    await dispatch('connection.useSandbox', {}, TRUSTED_URL);
  });
  after(async () => {
    await dispose();
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Dispatches and returns how the call ended; a crash or a leaked key fails the test. */
  async function dispatchSafely(channel: string, payload: unknown): Promise<'reply' | 'rejected'> {
    try {
      const reply = await dispatch(channel, payload, TRUSTED_URL);
      assert.doesNotMatch(JSON.stringify(reply) ?? '', new RegExp(PRACTICE_KEY));
      return 'reply';
    } catch (error) {
      assert.ok(error instanceof Error);
      // Handlers return failures as values, so the only error is the dispatcher's own rejection.
      assert.match(error.message, /^IPC request on ".*" rejected: /);
      return 'rejected';
    }
  }

  for (const channel of Object.keys(invokeChannels)) {
    test(`${channel} survives generated payloads`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ withObjectString: true, withNullPrototype: true }),
          async (payload) => {
            await dispatchSafely(channel, payload);
          },
        ),
        { numRuns: RUNS_PER_CHANNEL },
      );
    });

    test(`${channel} survives hostile payloads`, async () => {
      for (const payload of hostilePayloads) await dispatchSafely(channel, payload);

      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  test('dispatcher keeps serving afterwards', async () => {
    // Generated payloads may validly forget or replace the key, so the sandbox is chosen again.
    await dispatch('connection.useSandbox', {}, TRUSTED_URL);

    const listed = (await dispatch('workflows.list', {}, TRUSTED_URL)) as { ok: boolean };

    assert.equal(listed.ok, true);
  });
});
