import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import type { SecretCipher } from '../../core/secret-cipher.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { createTestCipher } from '../support/test-cipher.ts';

const ACME_KEY = 'hatz-acme-key-0123456789-acme';
const GLOBEX_KEY = 'hatz-globex-key-0123456789-glbx';

describe('key handlers', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let otherOrigin: RunningEmulator;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-key-handlers-'));
    emulator = await startEmulator({
      jobTimeScale: 0.02,
      keys: [ACME_KEY],
      forbiddenKeys: [GLOBEX_KEY],
    });
    otherOrigin = await startEmulator({ keys: [ACME_KEY] });
  });
  afterEach(async () => {
    await Promise.all([emulator.close(), otherOrigin.close()]);
    await rm(directory, { recursive: true, force: true });
  });

  async function create(cipher: SecretCipher = createTestCipher()) {
    return createTestHandlers({ directory, sandboxUrl: emulator.url, cipher });
  }

  async function addKey(
    handlers: Awaited<ReturnType<typeof create>>['handlers'],
    label: string,
    apiKey: string,
  ) {
    const result = await handlers['keys.add']({ label, apiKey, baseUrl: emulator.url });
    assert.equal(result.ok, true);
    return result.ok ? result.value.keyId : '';
  }

  test('verifies each key and keeps the verdict', async () => {
    const { handlers } = await create();
    const acme = await addKey(handlers, 'Acme', ACME_KEY);
    const globex = await addKey(handlers, 'Globex', GLOBEX_KEY);

    const first = await handlers['keys.verify']({ id: acme });
    const second = await handlers['keys.verify']({ id: globex });
    const { keys } = await handlers['keys.list']({});

    assert.equal(first.ok ? first.value.verdict.kind : undefined, 'valid');
    assert.equal(second.ok ? second.value.verdict.kind : undefined, 'forbidden');
    assert.deepEqual(
      keys.map((key) => key.verdicts[0]?.kind),
      ['valid', 'forbidden'],
    );
  });

  test('keeps verdicts across a restart', async () => {
    const cipher = createTestCipher();
    const first = await create(cipher);
    const id = await addKey(first.handlers, 'Acme', ACME_KEY);
    await first.handlers['keys.verify']({ id });

    const second = await create(cipher);
    const { keys } = await second.handlers['keys.list']({});

    assert.equal(keys[0]?.verdicts[0]?.kind, 'valid');
  });

  test('does not carry the key across an origin redirect', async () => {
    const { handlers } = await create();
    const id = await addKey(handlers, 'Acme', ACME_KEY);
    emulator.faults.add({
      kind: 'redirect',
      status: 302,
      location: `${otherOrigin.url}/v1/app/list`,
    });

    const result = await handlers['keys.verify']({ id });

    assert.equal(result.ok ? result.value.verdict.kind : undefined, 'redirect-blocked');
    assert.equal(otherOrigin.stats.requests.length, 0);
  });

  test('reports an unreadable key instead of verifying it', async () => {
    const first = await create(createTestCipher());
    const id = await addKey(first.handlers, 'Acme', ACME_KEY);

    const second = await create(createTestCipher());
    const result = await second.handlers['keys.verify']({ id });

    const message =
      !result.ok && result.failure.kind === 'invalid-input' ? result.failure.message : '';
    assert.match(message, /"Acme" cannot be read here/);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('switches the active key for requests', async () => {
    const { handlers } = await create();
    await addKey(handlers, 'Acme', ACME_KEY);
    const globex = await addKey(handlers, 'Globex', GLOBEX_KEY);

    await handlers['keys.setActive']({ id: globex });
    const info = await handlers['connection.get']({});
    const listed = await handlers['workflows.list']({});

    assert.equal(info.key?.label, 'Globex');
    assert.equal(listed.ok ? undefined : listed.failure.kind, 'forbidden');
  });

  test('keeps the practice sandbox button working', async () => {
    const { handlers } = await create();
    await addKey(handlers, 'Acme', ACME_KEY);

    const result = await handlers['connection.useSandbox']({});
    const vault = await handlers['keys.list']({});

    assert.equal(result.ok ? result.value.isSandbox : undefined, true);
    assert.equal(vault.isSandboxActive, true);
    assert.equal(vault.activeKeyId, null);
  });

  test('remembers the key a workflow ran with', async () => {
    const { handlers, dispose } = await create();
    const id = await addKey(handlers, 'Acme', ACME_KEY);

    await handlers['runs.start']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{"company_name":"Acme","industry":"Technology"}',
      isDraft: false,
    });
    const remembered = await handlers['keys.lastUsedFor']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
    });
    await dispose();

    assert.equal(remembered.keyId, id);
  });

  test('forgets the active key and restores it', async () => {
    const { handlers } = await create();
    const id = await addKey(handlers, 'Acme', ACME_KEY);

    const forgotten = await handlers['connection.forgetKey']({});
    const restored = await handlers['keys.restore']({ id });

    assert.equal(forgotten.key, null);
    assert.equal(restored.ok ? restored.value.activeKeyId : undefined, id);
  });

  test('names the saved key of the quick form', async () => {
    const { handlers } = await create();

    await handlers['connection.saveKey']({ apiKey: ACME_KEY, baseUrl: emulator.url });
    const second = await handlers['connection.saveKey']({
      apiKey: GLOBEX_KEY,
      baseUrl: emulator.url,
    });

    assert.equal(second.ok ? second.value.key?.label : undefined, 'Saved key 2');
  });
});
