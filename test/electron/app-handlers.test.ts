import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { MAX_BODY_PIECE_LENGTH } from '../../core/body-shelf.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import type { SecretCipher } from '../../core/secret-cipher.ts';
import type { AppHandlers } from '../../electron/handlers/app-handlers.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { createTestCipher } from '../support/test-cipher.ts';
import { readTree } from '../support/key-leaks.ts';

const CUSTOMER_KEY = 'hatz-customer-key-0123456789-wxyz';

describe('app handlers', () => {
  let directory: string;
  let emulator: RunningEmulator;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-handlers-'));
    emulator = await startEmulator({ jobTimeScale: 0.02, keys: [CUSTOMER_KEY] });
  });
  afterEach(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function create(cipher: SecretCipher = createTestCipher()) {
    const events: RunSnapshot[] = [];
    const historyEvents: { problem?: string }[] = [];
    const app = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      cipher,
      emit: (channel, payload) => {
        if (channel === 'history.changed') historyEvents.push(payload as { problem?: string });
        else events.push(payload as RunSnapshot);
      },
    });
    return { ...app, events, historyEvents };
  }

  /** Starts the seed workflow and resolves with the start reply once an event reports that it ended. */
  async function runToEnd(handlers: AppHandlers, events: RunSnapshot[]) {
    const started = await handlers['runs.start']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{"company_name":"Acme Corporation","industry":"Technology"}',
      isDraft: false,
    });
    while (!events.some((event) => event.phase === 'completed' || event.phase === 'failed')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return started;
  }

  test('starts with no key', async () => {
    const { handlers } = await create();

    const info = await handlers['connection.get']({});

    assert.equal(info.key, null);
    assert.equal(info.isSandbox, false);
  });

  test('uses the sandbox', async () => {
    const { handlers } = await create();

    const result = await handlers['connection.useSandbox']({});

    assert.equal(result.ok, true);
    assert.equal(result.ok ? result.value.isSandbox : undefined, true);
    assert.equal(result.ok ? result.value.baseUrl : undefined, `${emulator.url}/v1`);
  });

  test('stores the key encrypted', async () => {
    const { handlers } = await create();

    const result = await handlers['connection.saveKey']({
      apiKey: `  ${CUSTOMER_KEY}\n`,
      baseUrl: emulator.url,
    });
    const stored = await readTree(directory);

    assert.equal(result.ok ? result.value.key?.lastFour : undefined, 'wxyz');
    assert.doesNotMatch(stored, /hatz-customer-key/);
    assert.doesNotMatch(
      stored,
      new RegExp(Buffer.from(CUSTOMER_KEY).toString('base64').slice(0, 20)),
    );
    assert.match(stored, /encryptedKey/);
  });

  test('reloads the key after a restart', async () => {
    const cipher = createTestCipher();
    const first = await create(cipher);
    await first.handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });

    const second = await create(cipher);
    const listed = await second.handlers['workflows.list']({});

    assert.equal((await second.handlers['connection.get']({})).key?.lastFour, 'wxyz');
    assert.equal(listed.ok, true);
  });

  test('reports a key it cannot decrypt', async () => {
    const first = await create(createTestCipher());
    await first.handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });

    const second = await create(createTestCipher());
    const info = await second.handlers['connection.get']({});

    assert.equal(info.key, null);
    assert.match(info.storageWarning ?? '', /could not be decrypted/);
  });

  test('keeps the key in memory without a keychain', async () => {
    const { handlers } = await create(createTestCipher({ weakness: 'No keyring is running.' }));

    const result = await handlers['connection.saveKey']({
      apiKey: CUSTOMER_KEY,
      baseUrl: emulator.url,
    });
    const stored = await readTree(directory).catch(() => '');

    assert.match(result.ok ? (result.value.storageWarning ?? '') : '', /this session only/);
    assert.doesNotMatch(stored, /encryptedKey/);
  });

  const badKeys: Array<[string, string]> = [
    ['an empty key', '   '],
    ['a key with spaces', 'abc def'],
  ];
  for (const [name, apiKey] of badKeys) {
    test(`rejects ${name}`, async () => {
      const { handlers } = await create();

      const result = await handlers['connection.saveKey']({ apiKey, baseUrl: emulator.url });

      assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-input');
    });
  }

  test('runs a workflow and emits its end', async () => {
    const { handlers, events, dispose } = await create();
    await handlers['connection.useSandbox']({});

    const started = await runToEnd(handlers, events);
    await dispose();

    assert.equal(started.ok, true);
    assert.equal(events.at(-1)?.phase, 'completed');
    assert.equal(events.at(-1)?.runId, started.ok ? started.value.runId : undefined);
  });

  test('holds a large reply body and serves it in pieces', async () => {
    const { handlers, events, dispose } = await create();
    await handlers['connection.useSandbox']({});
    const bodyBytes = 3 * MAX_BODY_PIECE_LENGTH + 17;
    emulator.faults.add({
      kind: 'huge-body',
      bytes: bodyBytes,
      method: 'POST',
      path: '/v1/workflows/run',
    });

    await runToEnd(handlers, events);
    await dispose();
    const exchange = events.find((event) => event.exchange)?.exchange;
    const heldBody = exchange?.heldResponseBody;
    const pieces: string[] = [];
    for (let start = 0; start < (heldBody?.length ?? 0); start += MAX_BODY_PIECE_LENGTH) {
      const end = Math.min(heldBody?.length ?? 0, start + MAX_BODY_PIECE_LENGTH);
      const reply = await handlers['bodies.read']({ id: heldBody?.id ?? '', start, end });
      pieces.push(reply.text ?? '');
    }
    const body = pieces.join('');

    assert.equal(exchange?.responseBody, '');
    assert.equal(heldBody?.length, bodyBytes);
    assert.equal(body.length, bodyBytes);
    assert.doesNotThrow(() => JSON.parse(body));
  });

  test('reads no text for a body id it does not hold', async () => {
    const { handlers } = await create();

    const reply = await handlers['bodies.read']({ id: 'not-held', start: 0, end: 10 });

    assert.equal(reply.text, null);
  });

  test('returns unusable settings as a failure', async () => {
    const app = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      settings: { requestTimeoutMs: 2 ** 31 },
    });
    await app.handlers['connection.useSandbox']({});

    const result = await app.handlers['runs.start']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{}',
      isDraft: false,
    });
    await app.dispose();

    const failure = result.ok ? undefined : result.failure;

    assert.equal(failure?.kind, 'invalid-input');
    assert.match(failure?.kind === 'invalid-input' ? failure.message : '', /requestTimeoutMs/);
  });

  test('refuses to run without a key', async () => {
    const { handlers } = await create();

    const result = await handlers['runs.start']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{}',
      isDraft: false,
    });

    assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-input');
  });
});
