import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Page } from 'playwright-core';

import { replaceInputs } from '../support/replace-inputs.ts';
import { addKey } from './add-key.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const ACME_KEY = 'hatz-acme-offer-key-0123456789-acme';
const GLOBEX_KEY = 'hatz-globex-offer-key-0123456789-glbx';
const BRIEF_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const OFFER_TEXT =
  '"Company research brief" last ran with the key Acme workspace (ending in acme). ' +
  'Requests now use the key Globex (ending in glbx).';

async function switchKeyInHeader(page: Page, optionLabel: string, summaryText: string) {
  await page.getByRole('combobox', { name: 'Active key' }).selectOption({ label: optionLabel });
  await page
    .locator('.connection-summary')
    .filter({ hasText: summaryText })
    .waitFor({ timeout: TIMEOUT_MS });
}

/** Picks a workflow and waits until the key switcher has looked up the key it last ran with. */
async function pickWorkflow(page: Page, name: RegExp) {
  const lookups = page.locator('[data-offer-lookups]');
  const before = Number(await lookups.getAttribute('data-offer-lookups'));
  await page.getByRole('option', { name }).click();
  await page.waitForFunction(
    (count) =>
      Number(document.querySelector('[data-offer-lookups]')?.getAttribute('data-offer-lookups')) >
      count,
    before,
    { timeout: TIMEOUT_MS },
  );
}

async function readConnectionSummary(page: Page): Promise<string> {
  return (await page.locator('.connection-summary').textContent()) ?? '';
}

describe('key offer on workflow pick in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
    app.emulator.options.keys.push(ACME_KEY, GLOBEX_KEY);
    const { page, emulator } = app;

    // The first key added becomes the active one, so the run below is sent with Acme's key.
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Acme workspace', ACME_KEY, emulator.url);
    await addKey(page, 'Globex', GLOBEX_KEY, emulator.url);
    await page.getByRole('tab', { name: 'Run' }).click();
    await pickWorkflow(page, /Company research brief/);
    await replaceInputs(page, BRIEF_INPUTS, TIMEOUT_MS);
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByTestId('job-state')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: TIMEOUT_MS });
  });
  after(() => app.close());

  test('offer names both keys without switching', async () => {
    const { page } = app;
    await switchKeyInHeader(page, 'Globex (ending glbx)', 'Globex');

    await pickWorkflow(page, /Daily team digest/);
    await pickWorkflow(page, /Company research brief/);
    const offer = page.getByRole('status').filter({ hasText: OFFER_TEXT });
    await offer.waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await offer.count(), 1);
    assert.match(await readConnectionSummary(page), /Globex/);
    assert.doesNotMatch(await readConnectionSummary(page), /Acme workspace/);
    assert.equal(
      await page.getByRole('button', { name: 'Switch to Acme workspace' }).isEnabled(),
      true,
    );
  });

  test('offer switches the key in one click', async () => {
    const { page } = app;

    await page.getByRole('button', { name: 'Switch to Acme workspace' }).click();
    const switched = page.getByRole('status').filter({
      hasText:
        'Switched to the key Acme workspace (ending in acme), which last ran "Company research brief".',
    });
    await switched.waitFor({ timeout: TIMEOUT_MS });

    assert.match(await readConnectionSummary(page), /Acme workspace/);
    assert.equal(
      await page.getByRole('combobox', { name: 'Active key' }).inputValue(),
      await page
        .getByRole('option', { name: 'Acme workspace (ending acme)' })
        .getAttribute('value'),
    );
    assert.equal(await page.getByRole('button', { name: 'Switch to Acme workspace' }).count(), 0);
    assert.equal(await page.getByRole('status').filter({ hasText: OFFER_TEXT }).count(), 0);
  });

  test('offer stays away for the active key', async () => {
    const { page } = app;

    await pickWorkflow(page, /Daily team digest/);
    await pickWorkflow(page, /Company research brief/);

    assert.equal(await page.getByRole('button', { name: /^Switch to / }).count(), 0);
    assert.equal(await page.getByText(/last ran with the key/).count(), 0);
  });

  test('offer stays away for a workflow never run', async () => {
    const { page } = app;
    await switchKeyInHeader(page, 'Globex (ending glbx)', 'Globex');

    await pickWorkflow(page, /Daily team digest/);

    assert.equal(await page.getByRole('button', { name: /^Switch to / }).count(), 0);
    assert.equal(await page.getByText(/last ran with the key/).count(), 0);
  });

  test('manual switch withdraws the offer', async () => {
    const { page } = app;
    await pickWorkflow(page, /Company research brief/);
    await page.getByRole('status').filter({ hasText: OFFER_TEXT }).waitFor({ timeout: TIMEOUT_MS });

    await page
      .getByRole('combobox', { name: 'Active key' })
      .selectOption({ label: 'Practice sandbox' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Using the practice sandbox.' })
      .waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await page.getByRole('button', { name: 'Switch to Acme workspace' }).count(), 0);
    assert.equal(await page.getByRole('status').filter({ hasText: OFFER_TEXT }).count(), 0);
  });

  test('offer names the sandbox as the current connection', async () => {
    const { page } = app;

    await pickWorkflow(page, /Daily team digest/);
    await pickWorkflow(page, /Company research brief/);
    const offer = page.getByRole('status').filter({
      hasText:
        '"Company research brief" last ran with the key Acme workspace (ending in acme). ' +
        'Requests now use the practice sandbox.',
    });
    await offer.waitFor({ timeout: TIMEOUT_MS });

    assert.equal(await offer.count(), 1);
    assert.match(await readConnectionSummary(page), /Practice sandbox/);
  });

  test('never shows either key', async () => {
    const text = (await app.page.locator('body').textContent()) ?? '';

    assert.equal(text.includes(ACME_KEY), false);
    assert.equal(text.includes(GLOBEX_KEY), false);
  });
});
