import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
// Longer than the IPC contract allows (twice the key limit, 8192 characters), so the dispatcher
// rejects the call and the bridge throws, which is the path `useBusyAction` turns into a problem.
const OVERLONG_KEY = `hatz-${'k'.repeat(9000)}`;
// Longer than the 1 MiB the contract allows for a cURL command.
const OVERLONG_COMMAND = `curl -d '${'x'.repeat(1024 * 1024 + 16)}'`;

/**
 * Starts recording whether `button` becomes disabled, and returns a function that reads the
 * record. The busy state lasts only for one IPC round trip, too short to poll for.
 */
async function watchDisabled(button: Locator): Promise<() => Promise<boolean>> {
  const handle = await button.elementHandle();
  await button.page().evaluate((element) => {
    const watched = element as HTMLButtonElement & { wasDisabled?: boolean };
    watched.wasDisabled = false;
    new MutationObserver(() => {
      if (watched.disabled) watched.wasDisabled = true;
    }).observe(watched, { attributes: true, attributeFilter: ['disabled'] });
  }, handle);
  return () =>
    button.evaluate((element) => (element as { wasDisabled?: boolean }).wasDisabled === true);
}

function failureTitle(page: Page, title: string): Locator {
  return page.locator('.failure-title', { hasText: title });
}

describe('busy action in the connection bar in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('save key reports a rejected call', async () => {
    const { page, emulator } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Using the practice sandbox.' })
      .waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Add a key' }).click();
    const form = page.getByRole('form', { name: 'Paste a key' });
    await form.getByLabel('API key').fill(OVERLONG_KEY);
    await form.getByLabel('Base URL').fill(`${emulator.url}/v1`);
    const saveButton = form.getByRole('button', { name: 'Save key' });
    const wasDisabled = await watchDisabled(saveButton);

    await saveButton.click();
    await failureTitle(page, 'Saving the key failed').waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await wasDisabled(), true);
    assert.equal(await saveButton.isEnabled(), true);
    assert.equal((await form.getByLabel('API key').inputValue()).length, OVERLONG_KEY.length);
    assert.equal(await page.locator('.connection-status').textContent(), '');
    assert.match((await page.locator('.connection-summary').textContent()) ?? '', /sandbox/i);
  });

  test('next save clears the last problem', async () => {
    const { page, emulator } = app;
    const form = page.getByRole('form', { name: 'Paste a key' });
    await form.getByLabel('API key').fill('hatz-busy-action-key-0123456789');
    await form.getByLabel('Base URL').fill(`${emulator.url}/v1`);

    await form.getByRole('button', { name: 'Save key' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Key saved.' })
      .waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await failureTitle(page, 'Saving the key failed').count(), 0);
  });
});

describe('busy action in the cURL dialog in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('read command reports a rejected call', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Import cURL…' }).click();
    const commandField = page.getByRole('textbox', { name: 'cURL command' });
    await commandField.fill(OVERLONG_COMMAND);
    const readButton = page.getByRole('button', { name: 'Read command' });
    const wasDisabled = await watchDisabled(readButton);

    await readButton.click();
    await failureTitle(page, 'Reading the cURL command failed').waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await wasDisabled(), true);
    assert.equal(await readButton.isEnabled(), true);
    assert.equal(await page.getByRole('region', { name: 'What the command contains' }).count(), 0);
  });

  test('next read clears the last problem', async () => {
    const { page, emulator } = app;
    const commandField = page.getByRole('textbox', { name: 'cURL command' });
    await commandField.fill(
      `curl -X POST ${emulator.url}/v1/workflows/run -d '{"app_id": "2cfc529e-6fd9-4a82-8f27-87b6f395c930", "inputs": {}}'`,
    );

    await page.getByRole('button', { name: 'Read command' }).click();
    await page
      .getByRole('region', { name: 'What the command contains' })
      .waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await failureTitle(page, 'Reading the cURL command failed').count(), 0);
  });
});
