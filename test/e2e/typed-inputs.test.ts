import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;

describe('typed inputs in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page.getByRole('option', { name: /Team cost estimate/ }).click();
    await page.locator('.monaco-editor').first().waitFor({ timeout: TIMEOUT_MS });
  });
  after(() => app.close());

  test('template writes null for number and yes/no', async () => {
    const { page } = app;
    const problems = page.getByRole('list', { name: 'Problems in the inputs' });
    await problems.waitFor({ timeout: TIMEOUT_MS });
    const problemText = (await problems.textContent()) ?? '';

    await page.locator('.monaco-editor .view-line', { hasText: '"team_size": null' }).waitFor();
    await page
      .locator('.monaco-editor .view-line', { hasText: '"include_travel": null' })
      .waitFor();
    assert.match(problemText, /Team size \(team_size\) is required but empty/);
    assert.match(problemText, /Replace null with a number, without quotes/);
    assert.doesNotMatch(problemText, /between the quotes/);
  });

  test('editor replaces a selection typed over', async () => {
    const { page } = app;
    await page.locator('.monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    // Real key presses, one character at a time, through Monaco's auto-closing of { and ".
    await page.keyboard.type('{"team_size": 12}');
    await page.locator('.syntax-line', { hasText: /can be sent|are valid/ }).waitFor({
      timeout: TIMEOUT_MS,
    });

    const text = await page.evaluate(() =>
      [...document.querySelectorAll('.monaco-editor .view-line')]
        .map((line) => line.textContent?.replace(/\u00a0/g, ' ') ?? '')
        .join('\n'),
    );
    assert.equal(text, '{"team_size": 12}');
  });

  test('form shows null as not chosen and writes a choice', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Reset to template' }).click();
    await page.locator('.monaco-editor .view-line', { hasText: '"team_size": null' }).waitFor();
    await page.getByRole('button', { name: 'Form' }).click();
    const teamSize = page.getByRole('textbox', { name: /Team size/ });
    const travel = page.getByRole('radiogroup', { name: /Include travel/ });
    const yes = travel.getByRole('radio', { name: 'Yes (true)' });
    const no = travel.getByRole('radio', { name: 'No (false)' });

    assert.equal(await teamSize.inputValue(), '');
    assert.equal(await yes.isChecked(), false);
    assert.equal(await no.isChecked(), false);
    assert.match(
      (await page.locator('.inputs-form').textContent()) ?? '',
      /Required: fill this in before sending\./,
    );

    await teamSize.fill('12');
    await no.check();
    await page.getByRole('button', { name: 'JSON' }).click();
    await page.locator('.monaco-editor .view-line', { hasText: '"team_size": 12' }).waitFor();
    await page
      .locator('.monaco-editor .view-line', { hasText: '"include_travel": false' })
      .waitFor();
    assert.equal(await page.locator('.syntax-line').textContent(), 'The inputs are valid.');
  });
});
