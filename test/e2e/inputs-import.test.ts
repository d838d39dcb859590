import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openApp, type AppHarness } from './app-harness.ts';

const APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';
const TIMEOUT_MS = 20_000;

describe('inputs import and form in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('imports cURL, fixes a misspelling, fills the form and runs', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page
      .getByRole('option', { name: /Company research brief/ })
      .waitFor({ timeout: TIMEOUT_MS });
    // The seed's command from the "Run via Webhook" panel, with one input misspelled and one left out.
    const command = [
      `curl -X POST ${app.emulator.url}/v1/workflows/run \\`,
      '  -H "Content-Type: application/json" \\',
      '  -H "X-API-Key: hatz-practice-key" \\',
      `  -d '{"app_id": "${APP_ID}", "inputs": {"company_nme": "Acme Corporation"}, "is_draft_app": false}'`,
    ].join('\n');

    await page.getByRole('button', { name: 'Import cURL…' }).click();
    await page.getByRole('textbox', { name: 'cURL command' }).fill(command);
    await page.getByRole('button', { name: 'Read command' }).click();
    const summary = page.getByRole('region', { name: 'What the command contains' });
    await summary.waitFor({ timeout: TIMEOUT_MS });
    assert.match((await summary.textContent()) ?? '', /API key ending in -key/);
    const commandText = await page.getByRole('textbox', { name: 'cURL command' }).inputValue();
    assert.doesNotMatch(commandText, /hatz-practice-key/);
    assert.match(commandText, /X-API-Key: ••••-key/);
    await page.getByRole('button', { name: 'Fill in the request' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });

    const marker = page.locator('.monaco-editor .squiggly-error').first();
    await marker.waitFor({ timeout: TIMEOUT_MS });
    const problems = page.getByRole('list', { name: 'Problems in the inputs' });
    assert.match((await problems.textContent()) ?? '', /Did you mean "company_name"\?/);

    await page.locator('.monaco-editor .view-line', { hasText: 'company_nme' }).click();
    await page.keyboard.press('Control+.');
    await page.getByText('Rename to "company_name"').last().click();
    await page
      .locator('.monaco-editor .view-line', { hasText: '"company_name"' })
      .waitFor({ timeout: TIMEOUT_MS });

    await page.getByRole('button', { name: 'Form' }).click();
    const industry = page.getByRole('textbox', { name: /Industry/ });
    assert.equal(
      await page.getByRole('textbox', { name: /Company name/ }).inputValue(),
      'Acme Corporation',
    );
    assert.match(
      (await page.locator('.inputs-form').textContent()) ?? '',
      /Required: fill this in/,
    );
    await industry.focus();
    await page.keyboard.type('Technology');
    await page.locator('.syntax-line.is-valid').waitFor({ timeout: TIMEOUT_MS });

    await page.getByRole('button', { name: 'JSON' }).click();
    await page
      .locator('.monaco-editor .view-line', { hasText: 'Technology' })
      .waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Send' }).click();

    await page
      .getByTestId('job-state')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: TIMEOUT_MS });
    assert.match((await page.getByTestId('job-output').textContent()) ?? '', /Acme Corporation/);
    const runs = app.emulator.stats.requests.filter(
      (request) => request.path === '/v1/workflows/run',
    );
    assert.equal(runs.length, 1);
  });

  test('explains a pasted URL in the app id field', async () => {
    const runView = app.page.locator('#view-run');
    const field = runView.getByRole('textbox', { name: 'App id' });

    await field.fill(`https://ai.hatz.ai/workshop/${APP_ID}`);
    await runView.getByRole('button', { name: 'Use app id' }).click();

    assert.match((await runView.locator('.app-id-message').textContent()) ?? '', /web address/);
    await runView.getByRole('button', { name: `Use ${APP_ID}` }).click();
    await runView
      .locator('.app-id-message', { hasText: 'Using Company research brief' })
      .waitFor({ timeout: TIMEOUT_MS });
  });

  test('uploads a file from the form and runs', async () => {
    const { page } = app;
    const runView = page.locator('#view-run');
    await runView.getByRole('option', { name: /Document summary/ }).click();
    await runView.getByRole('button', { name: 'Form' }).click();

    await runView.getByLabel('Upload a file for Document').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Quarterly notes.'),
    });
    await runView.getByText('notes.txt is uploaded and ready.').waitFor({ timeout: TIMEOUT_MS });
    const fileId = await runView.getByRole('textbox', { name: 'Document: file id' }).inputValue();
    await runView.getByRole('button', { name: 'Send' }).click();

    assert.match(fileId, /\S/);
    await page
      .getByTestId('job-state')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: TIMEOUT_MS });
  });

  test('keeps a favourite first and lists it as recent', async () => {
    const runView = app.page.locator('#view-run');
    await runView.getByRole('option', { name: /Daily team digest/ }).click();

    await runView.getByRole('button', { name: '☆ Add to favourites' }).click();

    await runView.getByRole('button', { name: '★ Favourite' }).waitFor({ timeout: TIMEOUT_MS });
    const firstOption = runView.getByRole('option').first();
    assert.match((await firstOption.textContent()) ?? '', /Daily team digest/);
    const recents = runView.getByRole('navigation', { name: 'Recent workflows' });
    assert.match((await recents.textContent()) ?? '', /Daily team digest/);
  });

  test('never shows the key from the command', async () => {
    const text = (await app.page.locator('body').textContent()) ?? '';

    assert.doesNotMatch(text, /hatz-practice-key/);
  });
});
