import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createBridge } from '../../core/bridge.ts';
import { invokeChannels } from '../../core/ipc-contract.ts';
import { createIpcDispatcher } from '../../electron/ipc-dispatcher.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { keyLeakPatterns } from '../support/key-leaks.ts';

const KEYS = [
  'hatz-acme-key-0123456789-acme',
  'hatz-globex-key-0123456789-glbx',
  'hatz-initech-key-0123456789-init',
];
const RENDERER_URL = 'app://renderer/index.html';

/**
 * Forms in which a key could leak: the shared plain and base64 forms, and the key without its last
 * four characters, which replies may show on their own but never with the rest of the key.
 */
function leakPatterns(apiKey: string): string[] {
  return [...keyLeakPatterns(apiKey), apiKey.slice(0, -4)];
}

describe('bridge replies', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const replies: Array<{ channel: string; text: string }> = [];
  const calledChannels = new Set<string>();

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02, keys: KEYS.slice(0, 2) });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-bridge-'));
    const { handlers, dispose } = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      // The client's default settings, with no faster polling.
      settings: {},
    });
    const dispatch = createIpcDispatcher(handlers, {
      isTrustedSender: (url) => url === RENDERER_URL,
      log: () => {},
    });
    const bridge = createBridge({
      invoke: async (channel, payload) => {
        calledChannels.add(channel);
        const reply = await dispatch(channel, payload, RENDERER_URL);
        replies.push({ channel, text: JSON.stringify(reply) });
        return reply;
      },
      subscribe: () => () => {},
    });

    await exercise(bridge);
    await dispose();
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Calls every key and connection channel, in the order a support person would. */
  async function exercise(bridge: ReturnType<typeof createBridge>) {
    await bridge.connection.get();
    await bridge.keys.list();
    const ids: string[] = [];
    for (const [index, apiKey] of KEYS.entries()) {
      const added = await bridge.keys.add({
        label: `Customer ${index}`,
        apiKey: `Bearer ${apiKey}\n`,
        baseUrl: emulator.url,
      });
      if (added.ok) ids.push(added.value.keyId);
    }
    const [first = '', second = '', third = ''] = ids;
    await bridge.keys.add({ label: 'Bad', apiKey: `${KEYS[0]} ${KEYS[1]}`, baseUrl: emulator.url });
    for (const id of ids) await bridge.keys.verify({ id });
    await bridge.keys.verify({ id: first, path: '/chat/models' });
    await bridge.keys.update({ id: second, label: 'Renamed', note: 'note' });
    await bridge.keys.update({ id: second, baseUrl: 'http://127.0.0.2:1/v1' });
    await bridge.keys.replace({ id: third, apiKey: KEYS[2]! });
    await bridge.keys.replace({ id: third, apiKey: 'has space' });
    await bridge.keys.setActive({ id: second });
    await bridge.connection.get();
    await bridge.workflows.list({});
    await bridge.runs.start({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{"company_name":"Acme","industry":"Technology"}',
      isDraft: false,
    });
    await bridge.keys.lastUsedFor({ appId: SAMPLE_WORKFLOW_IDS.companyBrief });
    await bridge.keys.delete({ id: third });
    await bridge.keys.restore({ id: third });
    await bridge.connection.useSandbox();
    await bridge.connection.saveKey({ apiKey: `x-api-key: ${KEYS[0]}`, baseUrl: emulator.url });
    await bridge.connection.forgetKey();
  }

  test('calls every key and connection channel', () => {
    const expected = Object.keys(invokeChannels).filter(
      (channel) => channel.startsWith('keys.') || channel.startsWith('connection.'),
    );

    assert.deepEqual(
      expected.filter((channel) => !calledChannels.has(channel)),
      [],
    );
  });

  for (const [index, apiKey] of KEYS.entries()) {
    test(`never returns key ${index + 1} in any form`, () => {
      for (const { channel, text } of replies) {
        for (const pattern of leakPatterns(apiKey)) {
          assert.equal(text.includes(pattern), false, `${channel} reply contains the key`);
        }
      }
    });
  }

  test('never returns the practice key in any form', () => {
    for (const { channel, text } of replies) {
      for (const pattern of keyLeakPatterns(PRACTICE_KEY)) {
        assert.equal(text.includes(pattern), false, `${channel} reply contains the key`);
      }
    }
  });
});
