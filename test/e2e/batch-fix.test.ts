import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openApp, type AppHarness } from './app-harness.ts';
import { loadBatchRows } from './load-batch-rows.ts';

const TIMEOUT_MS = 20_000;
/** Row 3 leaves the required input "industry" empty. The "notes" column fills no input. */
const ROWS_CSV =
  'company_name,industry,notes\r\nAcme,Technology,x\r\nBeta,Retail,y\r\nGamma,,z\r\n';
const FIXED_INPUTS = '{"company_name": "Gamma", "industry": "Energy"}';

describe('batch row fixing in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('fixed row is sent and completes', async () => {
    const { page } = app;
    const view = await loadBatchRows(page, ROWS_CSV, 2);

    // The fixer opens prefilled with the row's inputs, and focus moves into it.
    const fixButton = view.getByRole('button', { name: 'Fix row 3' });
    await fixButton.click();
    const editor = view.getByLabel('Inputs JSON for row 3');
    const prefilled = JSON.parse(await editor.inputValue()) as unknown;
    const isEditorFocused = await editor.evaluate((element) => element === document.activeElement);
    const editorAriaInvalid = await editor.getAttribute('aria-invalid');
    const problemsBefore =
      (await view.getByRole('list', { name: 'Problems in row 3' }).textContent()) ?? '';
    const expandedWhileOpen = await fixButton.getAttribute('aria-expanded');

    // Escape closes the fixer and keeps the typed text for the next opening.
    await editor.fill(FIXED_INPUTS);
    await editor.press('Escape');
    const isEditorHiddenAfterEscape = await editor.isHidden();
    const isFixButtonFocused = await fixButton.evaluate(
      (button) => button === document.activeElement,
    );
    await view.getByText('3 runs will be sent', { exact: false }).waitFor({ timeout: TIMEOUT_MS });
    await fixButton.press('Enter');
    const reopenedText = await view.getByLabel('Inputs JSON for row 3').inputValue();
    const fixerStatus =
      (await view.getByText(/These inputs are valid/).textContent({ timeout: TIMEOUT_MS })) ?? '';
    await view.getByRole('button', { name: 'Close' }).click();
    const summary = (await view.getByTestId('batch-fix-summary').textContent()) ?? '';

    await view.getByRole('button', { name: 'Start 3 runs' }).click();
    await view
      .getByTestId('batch-status')
      .filter({ hasText: /^finished/ })
      .waitFor({ timeout: TIMEOUT_MS });
    const rowThreeStatus = await view
      .getByRole('table', { name: 'Batch results' })
      .locator('tr[data-status]')
      .nth(2)
      .getAttribute('data-status');

    assert.deepEqual(prefilled, { company_name: 'Gamma' });
    assert.equal(isEditorFocused, true);
    assert.equal(editorAriaInvalid, 'true');
    assert.match(problemsBefore, /Required input "industry" is empty/);
    assert.equal(expandedWhileOpen, 'true');
    assert.equal(isEditorHiddenAfterEscape, true);
    assert.equal(isFixButtonFocused, true);
    assert.equal(reopenedText, FIXED_INPUTS);
    assert.match(fixerStatus, /valid, so row 3 will be sent/);
    assert.equal(summary, '1 fixed and will be sent, 0 will be skipped.');
    assert.equal(rowThreeStatus, 'completed');
    assert.equal(
      app.emulator.stats.requests.filter(
        (request) => request.method === 'POST' && request.path === '/v1/workflows/run',
      ).length,
      3,
    );
  });

  test('row with remaining problems stays skipped', async () => {
    const { page } = app;
    const view = page.locator('#view-batch');
    await view.getByLabel(/Rows file/).setInputFiles({
      name: 'rows-again.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ROWS_CSV),
    });
    await view.getByText('2 runs will be sent', { exact: false }).waitFor({ timeout: TIMEOUT_MS });
    await view.getByRole('button', { name: 'Fix row 3' }).click();
    const editor = view.getByLabel('Inputs JSON for row 3');
    await editor.fill('{"company_name": "Gamma",');
    const invalidJsonProblems =
      (await view.getByRole('list', { name: 'Problems in row 3' }).textContent()) ?? '';
    await editor.fill('{"company_name": "Gamma", "industry": ""}');
    const emptyInputProblems =
      (await view.getByRole('list', { name: 'Problems in row 3' }).textContent()) ?? '';
    const summary = (await view.getByTestId('batch-fix-summary').textContent()) ?? '';
    const startLabel = (await view.getByRole('button', { name: /^Start/ }).textContent()) ?? '';

    assert.match(invalidJsonProblems, /not valid JSON/);
    assert.match(emptyInputProblems, /Required input "industry" is empty/);
    assert.equal(summary, '0 fixed and will be sent, 1 will be skipped.');
    assert.equal(startLabel, 'Start 2 runs');
  });
});
