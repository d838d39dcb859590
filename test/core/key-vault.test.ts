import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import Conf from 'conf';

import { createKeyVault } from '../../core/key-vault.ts';
import { MAX_VERDICTS_PER_KEY } from '../../core/key-vault-records.ts';
import type { KeyVerdict } from '../../core/key-verdict.ts';
import type { KeyValueStore, SecretCipher } from '../../core/secret-cipher.ts';
import { createTestCipher } from '../support/test-cipher.ts';

const ACME_KEY = 'hatz-acme-key-0123456789-acme';
const GLOBEX_KEY = 'hatz-globex-key-0123456789-glbx';
const INITECH_KEY = 'hatz-initech-key-0123456789-init';
const BASE_URL = 'http://127.0.0.1:9/v1';

describe('key vault', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-vault-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function openStore(): KeyValueStore {
    return new Conf({ cwd: directory, configName: 'connection', projectName: 'hatz-tester' });
  }

  async function openVault(cipher: SecretCipher = createTestCipher(), store = openStore()) {
    const vault = createKeyVault({ cipher, store });
    await vault.load();
    return vault;
  }

  async function readDataDirectory(): Promise<string> {
    const files = await readdir(directory);
    const contents = await Promise.all(
      files.map((file) => readFile(join(directory, file), 'utf8')),
    );
    return contents.join('\n');
  }

  async function addKey(
    vault: Awaited<ReturnType<typeof openVault>>,
    label: string,
    apiKey: string,
    extra: { acceptWeakStorage?: boolean; baseUrl?: string } = {},
  ) {
    const result = await vault.add({ label, apiKey, baseUrl: extra.baseUrl ?? BASE_URL, ...extra });
    assert.equal(result.ok, true, result.ok ? '' : JSON.stringify(result.failure));
    return result.ok ? result.value.keyId : '';
  }

  function verdict(checkedAt: string): KeyVerdict {
    return { kind: 'valid', checkedAt, path: '/app/list?limit=1', status: 200, durationMs: 5 };
  }

  test('describes three keys by label and last four', async () => {
    const vault = await openVault();
    await addKey(vault, 'Acme', ACME_KEY);
    await addKey(vault, 'Globex', GLOBEX_KEY);
    await addKey(vault, 'Initech', INITECH_KEY);

    const { keys } = vault.describe();

    assert.deepEqual(
      keys.map((key) => [key.label, key.lastFour, key.status, key.storage]),
      [
        ['Acme', 'acme', 'ready', 'keychain'],
        ['Globex', 'glbx', 'ready', 'keychain'],
        ['Initech', 'init', 'ready', 'keychain'],
      ],
    );
  });

  test('never describes a key in plain text', async () => {
    const vault = await openVault();
    await addKey(vault, 'Acme', ACME_KEY);

    const text = JSON.stringify(vault.describe());

    assert.doesNotMatch(text, /hatz-acme-key/);
  });

  test('writes no key in plain text or base64', async () => {
    const vault = await openVault();
    await addKey(vault, 'Acme', ACME_KEY);
    await addKey(vault, 'Globex', GLOBEX_KEY);

    const stored = await readDataDirectory();

    for (const key of [ACME_KEY, GLOBEX_KEY]) {
      assert.equal(stored.includes(key), false);
      assert.equal(stored.includes(Buffer.from(key).toString('base64').slice(0, 16)), false);
    }
    assert.match(stored, /encryptedKey/);
  });

  test('makes the first key active', async () => {
    const vault = await openVault();

    const id = await addKey(vault, 'Acme', ACME_KEY);
    await addKey(vault, 'Globex', GLOBEX_KEY);

    assert.equal(vault.describe().activeKeyId, id);
    assert.equal(vault.getActive()?.apiKey, ACME_KEY);
  });

  test('reports what cleaning removed', async () => {
    const vault = await openVault();

    const result = await vault.add({
      label: 'Acme',
      apiKey: `Bearer ${ACME_KEY}\n`,
      baseUrl: BASE_URL,
    });

    assert.deepEqual(result.ok ? result.value.removed : [], [
      'a trailing line break',
      'a leading "Bearer "',
    ]);
    assert.equal(vault.getActive()?.apiKey, ACME_KEY);
  });

  test('rejects a key with a space inside', async () => {
    const vault = await openVault();

    const result = await vault.add({ label: 'Acme', apiKey: 'abc def', baseUrl: BASE_URL });

    assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-input');
    assert.equal(vault.describe().keys.length, 0);
  });

  test('rejects a duplicate label in any case', async () => {
    const vault = await openVault();
    await addKey(vault, 'Acme', ACME_KEY);

    const result = await vault.add({ label: ' ACME ', apiKey: GLOBEX_KEY, baseUrl: BASE_URL });

    assert.match(result.ok ? '' : JSON.stringify(result.failure), /already exists/);
  });

  test('rejects a base URL with credentials', async () => {
    const vault = await openVault();

    const result = await vault.add({
      label: 'Acme',
      apiKey: ACME_KEY,
      baseUrl: 'https://user:pass@127.0.0.1/v1',
    });

    assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-input');
  });

  test('reloads keys after a restart', async () => {
    const cipher = createTestCipher();
    const first = await openVault(cipher);
    const id = await addKey(first, 'Acme', ACME_KEY);

    const second = await openVault(cipher);

    assert.equal(second.getKeyForRequest(id).ok, true);
    assert.equal(second.getActive()?.apiKey, ACME_KEY);
  });

  test('names keys it cannot decrypt and keeps them', async () => {
    const first = await openVault(createTestCipher());
    await addKey(first, 'Acme', ACME_KEY);

    const second = await openVault(createTestCipher());
    const info = second.describe();

    assert.equal(info.keys[0]?.status, 'unreadable');
    assert.match(info.warnings.join(' '), /"Acme" could not be decrypted/);
    assert.equal(second.getActive(), undefined);
  });

  test('replaces an unreadable key', async () => {
    const first = await openVault(createTestCipher());
    const id = await addKey(first, 'Acme', ACME_KEY);
    const second = await openVault(createTestCipher());

    const result = await second.replace({ id, apiKey: GLOBEX_KEY });

    assert.equal(result.ok, true);
    assert.equal(second.describe().keys[0]?.status, 'ready');
    assert.equal(second.describe().keys[0]?.lastFour, 'glbx');
    assert.deepEqual(second.describe().warnings, []);
  });

  test('refuses to activate an unreadable key', async () => {
    const first = await openVault(createTestCipher());
    const id = await addKey(first, 'Acme', ACME_KEY);
    const second = await openVault(createTestCipher());

    const result = second.setActive(id);

    assert.match(result.ok ? '' : JSON.stringify(result.failure), /Replace key/);
  });

  test('keeps a key in memory where storage is weak', async () => {
    const cipher = createTestCipher({ weakness: 'No keyring is running.' });
    const vault = await openVault(cipher);

    await addKey(vault, 'Acme', ACME_KEY);
    const stored = await readDataDirectory();

    assert.equal(vault.describe().keys[0]?.storage, 'session');
    assert.equal(vault.describe().storageWeakness, 'No keyring is running.');
    assert.doesNotMatch(stored, /encryptedKey/);
    assert.equal(stored.includes(ACME_KEY), false);
  });

  test('reports a session key as not kept after a restart', async () => {
    const cipher = createTestCipher({ weakness: 'No keyring is running.' });
    await addKey(await openVault(cipher), 'Acme', ACME_KEY);

    const second = await openVault(cipher);

    assert.equal(second.describe().keys[0]?.status, 'not-kept');
    assert.match(second.describe().warnings.join(' '), /"Acme" was kept for an earlier session/);
  });

  test('stores weakly when the user accepts it', async () => {
    const cipher = createTestCipher({ weakness: 'No keyring is running.' });
    const vault = await openVault(cipher);

    await addKey(vault, 'Acme', ACME_KEY, { acceptWeakStorage: true });
    const second = await openVault(cipher);

    assert.equal(second.describe().keys[0]?.storage, 'weak');
    assert.equal(second.describe().keys[0]?.status, 'ready');
  });

  test('keeps a key in memory when encryption throws', async () => {
    const cipher: SecretCipher = {
      ...createTestCipher(),
      encrypt: async () => {
        throw new Error('keychain locked');
      },
    };
    const vault = await openVault(cipher);

    await addKey(vault, 'Acme', ACME_KEY);

    assert.equal(vault.describe().keys[0]?.storage, 'session');
    assert.match(vault.describe().storageWeakness ?? '', /keychain locked/);
  });

  test('renames a key and sets its note', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    const result = vault.update({ id, label: 'Acme production', note: 'Owner: Dana' });

    assert.equal(result.ok ? result.value.keys[0]?.label : undefined, 'Acme production');
    assert.equal(result.ok ? result.value.keys[0]?.note : undefined, 'Owner: Dana');
  });

  test('asks to confirm a base URL on another origin', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    const refused = vault.update({ id, baseUrl: 'http://127.0.0.2:8080/v1' });
    const confirmed = vault.update({
      id,
      baseUrl: 'http://127.0.0.2:8080/v1',
      confirmOriginChange: true,
    });

    assert.match(refused.ok ? '' : JSON.stringify(refused.failure), /Confirm the change/);
    assert.equal(
      confirmed.ok ? confirmed.value.keys[0]?.baseUrl : undefined,
      'http://127.0.0.2:8080/v1',
    );
  });

  test('changes the path on the same origin without confirmation', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    const result = vault.update({ id, baseUrl: 'http://127.0.0.1:9/v2' });

    assert.equal(result.ok, true);
  });

  test('deletes a key and restores it', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    const removed = vault.remove(id);
    const restored = vault.restore(id);

    assert.deepEqual(removed.ok ? removed.value.restorableKeyIds : [], [id]);
    assert.equal(removed.ok ? removed.value.keys.length : undefined, 0);
    assert.equal(restored.ok ? restored.value.keys[0]?.status : undefined, 'ready');
    assert.equal(vault.describe().activeKeyId, id);
  });

  test('removes a deleted key from the store', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    vault.remove(id);
    const stored = await readDataDirectory();

    assert.doesNotMatch(stored, /Acme|encryptedKey/);
  });

  test('does not restore over a new key with its label', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);
    vault.remove(id);
    await addKey(vault, 'Acme', GLOBEX_KEY);

    const result = vault.restore(id);

    assert.match(result.ok ? '' : JSON.stringify(result.failure), /rename it first/);
  });

  test('uses the sandbox over the active key', async () => {
    const vault = await openVault();
    await addKey(vault, 'Acme', ACME_KEY);

    vault.useSandbox('http://127.0.0.1:9', 'hatz-practice-key');

    assert.equal(vault.getActive()?.isSandbox, true);
    assert.equal(vault.describe().activeKeyId, null);
  });

  test('leaves the sandbox when a key is chosen', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);
    vault.useSandbox('http://127.0.0.1:9', 'hatz-practice-key');

    vault.setActive(id);

    assert.equal(vault.getActive()?.apiKey, ACME_KEY);
  });

  test('remembers the key each workflow last ran with', async () => {
    const cipher = createTestCipher();
    const vault = await openVault(cipher);
    const acme = await addKey(vault, 'Acme', ACME_KEY);
    const globex = await addKey(vault, 'Globex', GLOBEX_KEY);

    vault.rememberKeyForWorkflow('app-1');
    vault.setActive(globex);
    vault.rememberKeyForWorkflow('app-2');
    const reopened = await openVault(cipher);

    assert.equal(reopened.lastKeyFor('app-1'), acme);
    assert.equal(reopened.lastKeyFor('app-2'), globex);
    assert.equal(reopened.lastKeyFor('app-3'), null);
  });

  test('forgets the workflow key when it is deleted', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);
    vault.rememberKeyForWorkflow('app-1');

    vault.remove(id);

    assert.equal(vault.lastKeyFor('app-1'), null);
  });

  test('does not remember the sandbox for a workflow', async () => {
    const vault = await openVault();
    vault.useSandbox('http://127.0.0.1:9', 'hatz-practice-key');

    vault.rememberKeyForWorkflow('app-1');

    assert.equal(vault.lastKeyFor('app-1'), null);
  });

  test('treats app ids like __proto__ as plain names', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    vault.rememberKeyForWorkflow('__proto__');

    assert.equal(vault.lastKeyFor('__proto__'), id);
    assert.equal(vault.lastKeyFor('constructor'), null);
  });

  test('keeps the newest verdicts only', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);

    for (let index = 0; index < MAX_VERDICTS_PER_KEY + 3; index++) {
      vault.recordVerdict(id, verdict(new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString()));
    }
    const verdicts = vault.describe().keys[0]?.verdicts ?? [];

    assert.equal(verdicts.length, MAX_VERDICTS_PER_KEY);
    assert.equal(verdicts[0]?.checkedAt, '2026-01-01T00:12:00.000Z');
  });

  test('clears verdicts when the key is replaced', async () => {
    const vault = await openVault();
    const id = await addKey(vault, 'Acme', ACME_KEY);
    vault.recordVerdict(id, verdict('2026-01-01T00:00:00.000Z'));

    await vault.replace({ id, apiKey: GLOBEX_KEY });

    assert.deepEqual(vault.describe().keys[0]?.verdicts, []);
  });

  test('moves the key of earlier versions into the vault', async () => {
    const cipher = createTestCipher();
    const store = openStore();
    store.set('connection', { baseUrl: BASE_URL, encryptedKey: await cipher.encrypt(ACME_KEY) });

    const vault = await openVault(cipher, store);

    assert.equal(vault.describe().keys[0]?.label, 'Saved key');
    assert.equal(vault.getActive()?.apiKey, ACME_KEY);
    assert.equal(store.get('connection'), undefined);
  });

  test('skips stored entries without the expected fields', async () => {
    const store = openStore();
    store.set('keyVault', {
      activeKeyId: 42,
      keys: [null, 'text', { id: 1 }, { id: 'a', label: 'Kept', baseUrl: BASE_URL }],
      lastKeyByWorkflow: { not: 'an array' },
    });

    const vault = await openVault(createTestCipher(), store);

    assert.deepEqual(
      vault.describe().keys.map((key) => [key.label, key.status]),
      [['Kept', 'not-kept']],
    );
  });
});
