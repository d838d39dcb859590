import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { replaceInputs } from '../support/replace-inputs.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const TYPED = '{"company_name": "Typed before closing", "industry": "Unsent"}';

describe('unsent inputs in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('survive closing and reopening', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page.getByRole('option', { name: /Company research brief/ }).click();
    await replaceInputs(page, TYPED, TIMEOUT_MS);
    // The Run view saves 300 ms after the last change.
    await page.waitForTimeout(600);

    await page.reload();
    await page.locator('.monaco-editor').first().waitFor({ timeout: TIMEOUT_MS });
    const restored = await page.locator('.monaco-editor .view-lines').first().textContent();

    assert.match(restored?.replace(/\u00a0/g, ' ') ?? '', /Typed before closing/);
    assert.match(
      (await page.getByRole('region', { name: 'Inputs' }).textContent()) ?? '',
      /Company research brief/,
    );
  });
});
