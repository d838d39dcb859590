import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { keyLeakPatterns, readTree } from '../support/key-leaks.ts';
import { addKey } from './add-key.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const ACME_KEY = 'hatz-acme-e2e-key-0123456789-acme';
const GLOBEX_KEY = 'hatz-globex-e2e-key-0123456789-glbx';
const INITECH_KEY = 'hatz-initech-e2e-key-0123456789-init';

describe('keys view in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
    app.emulator.options.keys.push(ACME_KEY);
    app.emulator.options.forbiddenKeys.push(INITECH_KEY);
  });
  after(() => app.close());

  test('verifies three keys with one click', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();

    await addKey(page, 'Acme workspace', ACME_KEY, emulator.url);
    const cleaned = await addKey(page, 'Globex', ` Bearer ${GLOBEX_KEY}\n`, emulator.url);
    await addKey(page, 'Initech', INITECH_KEY, emulator.url);
    await page.getByRole('button', { name: 'Verify all' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Verified 3 keys: 1 working, 2 not.' })
      .waitFor({ timeout: TIMEOUT_MS });

    const verdictOf = (label: string) => page.getByRole('row', { name: label }).textContent();
    assert.match(cleaned, /Removed from the pasted key: .*a leading "Bearer "/);
    assert.match((await verdictOf('Acme workspace')) ?? '', /Key works/);
    assert.match((await verdictOf('Globex')) ?? '', /Key refused/);
    assert.match((await verdictOf('Initech')) ?? '', /Key lacks permission/);
  });

  test('switches the active key in the header', async () => {
    const { page } = app;
    const switcher = page.getByRole('combobox', { name: 'Active key' });

    await switcher.selectOption({ label: 'Initech (ending init)' });
    await page
      .locator('.connection-summary')
      .filter({ hasText: 'Initech' })
      .waitFor({ timeout: TIMEOUT_MS });

    assert.match((await page.locator('.connection-summary').textContent()) ?? '', /Initech/);
  });

  test('deletes a key after confirmation and undoes it', async () => {
    const { page } = app;

    await page.getByRole('button', { name: 'Delete Globex' }).click();
    await page.getByRole('button', { name: 'Delete key' }).click();
    await page.getByRole('button', { name: 'Undo delete' }).waitFor({ timeout: TIMEOUT_MS });
    const afterDelete = await page.getByRole('row', { name: 'Globex' }).count();
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await page.getByRole('row', { name: 'Globex' }).waitFor({ timeout: TIMEOUT_MS });

    assert.equal(afterDelete, 0);
  });

  test('never shows a key in the page', async () => {
    const html = await app.page.content();

    for (const apiKey of [ACME_KEY, GLOBEX_KEY, INITECH_KEY]) {
      assert.equal(html.includes(apiKey), false);
    }
  });

  test('writes no key to the data directory', async () => {
    const stored = await readTree(app.dataDirectory);

    assert.match(stored, /Acme workspace/);
    for (const apiKey of [ACME_KEY, GLOBEX_KEY, INITECH_KEY]) {
      for (const pattern of keyLeakPatterns(apiKey)) {
        assert.equal(
          stored.includes(pattern),
          false,
          `found ${apiKey.slice(-4)} as ${pattern.length} characters`,
        );
      }
    }
  });

  test('loads nothing from outside the app', () => {
    assert.deepEqual(app.blockedRequests, []);
  });
});
