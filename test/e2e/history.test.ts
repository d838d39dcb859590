import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Page } from 'playwright-core';

import { replaceInputs } from '../support/replace-inputs.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const FIRST_INPUTS = '{"company_name": "Acme Corporation", "industry": "Aerospace"}';
const SECOND_INPUTS = '{"company_name": "Globex", "industry": "Technology"}';

async function runToCompletion(page: Page, inputs: string): Promise<void> {
  await replaceInputs(page, inputs, TIMEOUT_MS);
  await page.getByRole('button', { name: 'Send' }).click();
  await page
    .getByTestId('job-state')
    .filter({ hasText: 'completed' })
    .waitFor({ timeout: TIMEOUT_MS });
  // The response pane shows the newest run; wait until this run's output is the one shown.
  const company = JSON.parse(inputs).company_name as string;
  await page
    .getByTestId('job-output')
    .filter({ hasText: company })
    .waitFor({ timeout: TIMEOUT_MS });
}

describe('history in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('finds, compares and copies two runs without the key', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page.getByRole('option', { name: /Company research brief/ }).click();
    await runToCompletion(page, FIRST_INPUTS);
    await runToCompletion(page, SECOND_INPUTS);
    const renderedHeadings = await page.getByTestId('job-output').locator('h1').allTextContents();

    await page.getByRole('tab', { name: 'History' }).click();
    const rows = page.getByTestId('history-row');
    await rows.nth(1).waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('searchbox', { name: 'Search runs' }).fill('aerospace');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-row"]').length === 1,
      undefined,
      { timeout: TIMEOUT_MS },
    );
    const found = (await rows.first().textContent()) ?? '';

    await page.getByRole('searchbox', { name: 'Search runs' }).fill('');
    await rows.nth(1).waitFor({ timeout: TIMEOUT_MS });
    for (const checkbox of await page.getByRole('checkbox', { name: /^Select run/ }).all()) {
      await checkbox.check();
    }
    await page.getByRole('button', { name: 'Compare selected' }).click();
    const comparison = page.getByRole('region', { name: 'Compare runs' });
    await comparison.waitFor({ timeout: TIMEOUT_MS });
    const removed = await comparison.locator('del').allTextContents();
    const added = await comparison.locator('ins').allTextContents();

    await page.getByRole('button', { name: 'Close comparison' }).click();
    await page
      .getByRole('button', { name: /^Open run of Company research brief/ })
      .last()
      .click();
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Copied cURL/ })
      .waitFor({ timeout: TIMEOUT_MS });
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());

    assert.deepEqual(renderedHeadings, ['Globex: company brief']);
    assert.match(found, /Acme Corporation/);
    assert.doesNotMatch(found, /Globex/);
    assert.match(removed.join(' '), /Acme|Aerospace/);
    assert.match(added.join(' '), /Globex|Technology/);
    assert.match(clipboard, /^curl -X POST/);
    assert.match(clipboard, /\$HATZ_API_KEY/);
    assert.match(clipboard, /Acme Corporation/);
    assert.doesNotMatch(clipboard, /hatz-practice-key/);
  });

  test('loads nothing from outside the app', () => {
    assert.deepEqual(app.blockedRequests, []);
  });
});
