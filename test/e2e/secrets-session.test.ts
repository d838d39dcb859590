import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Locator } from 'playwright-core';

import { keyLeakPatterns, readTree } from '../support/key-leaks.ts';
import { replaceInputs } from '../support/replace-inputs.ts';
import { addKey } from './add-key.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const ALPHA_KEY = 'hatz-alpha-e2e-key-0123456789-alfa';
const BRAVO_KEY = 'hatz-bravo-e2e-key-0123456789-brvo';
const SEED_APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';
const SEED_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const INVOICE_INPUTS = '{"invoice_text": "2 x widget at 10 USD"}';
const ROWS_CSV = 'company_name,industry\r\nInitech,Software\r\nUmbrella,Pharmaceuticals\r\n';

/** Lists each key and form found in `text`, as "key ending alfa as 34 characters". */
function findLeaks(text: string): string[] {
  const leaks: string[] = [];
  for (const apiKey of [ALPHA_KEY, BRAVO_KEY]) {
    for (const pattern of keyLeakPatterns(apiKey)) {
      if (text.includes(pattern)) {
        leaks.push(`key ending ${apiKey.slice(-4)} as ${pattern.length} characters`);
      }
    }
  }
  return leaks;
}

/** Chooses a workflow in the Run view, pastes its inputs and sends it until `state` shows. */
async function runWorkflow(runView: Locator, workflow: RegExp, inputs: string, state: string) {
  const page = runView.page();
  await runView.getByRole('option', { name: workflow }).click();
  await replaceInputs(page, inputs, TIMEOUT_MS);
  await runView.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('job-state').filter({ hasText: state }).waitFor({ timeout: TIMEOUT_MS });
}

describe('secrets over a full session in Chromium', () => {
  let app: AppHarness;
  let exportDirectory: string;
  let clipboard = '';

  before(async () => {
    app = await openApp({ keys: [ALPHA_KEY, BRAVO_KEY] });
    exportDirectory = await mkdtemp(join(tmpdir(), 'hatz-tester-exports-'));
  });
  after(async () => {
    await app.close();
    await rm(exportDirectory, { recursive: true, force: true });
  });

  test('runs a full session', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Alpha workspace', ALPHA_KEY, emulator.url);
    await addKey(page, 'Bravo workspace', BRAVO_KEY, emulator.url);
    await page
      .getByRole('combobox', { name: 'Active key' })
      .selectOption({ label: 'Alpha workspace (ending alfa)' });
    await page
      .locator('.connection-summary')
      .filter({ hasText: 'Alpha workspace' })
      .waitFor({ timeout: TIMEOUT_MS });

    await page.getByRole('tab', { name: 'Run' }).click();
    const runView = page.locator('#view-run');
    await runWorkflow(runView, /Company research brief/, SEED_INPUTS, 'completed');
    await page
      .getByTestId('job-output')
      .filter({ hasText: 'Acme Corporation' })
      .waitFor({ timeout: TIMEOUT_MS });
    await runWorkflow(runView, /Invoice line items/, INVOICE_INPUTS, 'failed');

    const command = [
      `curl -X POST ${emulator.url}/v1/workflows/run \\`,
      '  -H "Content-Type: application/json" \\',
      `  -H "X-API-Key: ${BRAVO_KEY}" \\`,
      `  -d '{"app_id": "${SEED_APP_ID}", "inputs": {"company_name": "Globex"}, "is_draft_app": false}'`,
    ].join('\n');
    await runView.getByRole('button', { name: 'Import cURL…' }).click();
    await page.getByRole('textbox', { name: 'cURL command' }).fill(command);
    await page.getByRole('button', { name: 'Read command' }).click();
    await page
      .getByRole('region', { name: 'What the command contains' })
      .waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Fill in the request' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });

    await page.getByRole('tab', { name: 'Batch' }).click();
    const batchView = page.locator('#view-batch');
    await batchView.getByRole('option', { name: /Company research brief/ }).click();
    await batchView.getByLabel(/Rows file/).setInputFiles({
      name: 'rows.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ROWS_CSV),
    });
    await batchView.getByRole('button', { name: 'Start 2 runs' }).click();
    await batchView
      .getByTestId('batch-status')
      .filter({ hasText: /^finished/ })
      .waitFor({ timeout: TIMEOUT_MS });

    await page.getByRole('tab', { name: 'History' }).click();
    // One seed run, one failed run and two batch rows.
    await page.getByTestId('history-row').nth(3).waitFor({ timeout: TIMEOUT_MS });
    for (const checkbox of await page.getByRole('checkbox', { name: /^Select run/ }).all()) {
      await checkbox.check();
    }
    for (const name of ['Export JSON', 'Export CSV']) {
      const download = page.waitForEvent('download', { timeout: TIMEOUT_MS });
      await page.getByRole('button', { name }).click();
      const file = await download;
      await file.saveAs(join(exportDirectory, file.suggestedFilename()));
    }

    await page
      .getByRole('button', { name: /^Open run of Company research brief/ })
      .last()
      .click();
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Copied cURL .*without the key/ })
      .waitFor({ timeout: TIMEOUT_MS });
    clipboard = await page.evaluate(() => navigator.clipboard.readText());

    const runRequests = emulator.stats.requests.filter(
      (request) => request.path === '/v1/workflows/run',
    );
    assert.equal(runRequests.length, 4);
    assert.equal(
      runRequests.every((request) => request.hasApiKey),
      true,
    );
    assert.match(clipboard, /\$HATZ_API_KEY/);
    assert.equal((await readdir(exportDirectory)).length, 2);
  });

  test('writes no key to the data directory', async () => {
    const stored = await readTree(app.dataDirectory);

    assert.match(stored, /Alpha workspace/);
    assert.deepEqual(findLeaks(stored), []);
  });

  test('writes no key to the exported files', async () => {
    const exported = await readTree(exportDirectory);

    assert.match(exported, /Invoice line items/);
    assert.deepEqual(findLeaks(exported), []);
  });

  test('copies no key to the clipboard', () => {
    assert.match(clipboard, /^curl -X POST/);
    assert.deepEqual(findLeaks(clipboard), []);
  });

  test('keeps no key in localStorage', async () => {
    const stored = await app.page.evaluate(() => JSON.stringify({ ...localStorage }));

    assert.deepEqual(findLeaks(stored), []);
  });

  test('keeps no key in sessionStorage', async () => {
    const stored = await app.page.evaluate(() => JSON.stringify({ ...sessionStorage }));

    assert.deepEqual(findLeaks(stored), []);
  });

  test('never shows a key in the page', async () => {
    // The HTML contains the text and attributes but not the fields' current values, so those
    // are read too.
    const html = await app.page.content();
    const values = await app.page.evaluate(() =>
      Array.from(document.querySelectorAll('input, textarea'), (field) =>
        field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
          ? field.value
          : '',
      ).join('\n'),
    );

    assert.deepEqual(findLeaks(`${html}\n${values}`), []);
  });

  test('loads nothing from outside the app', () => {
    assert.deepEqual(app.blockedRequests, []);
  });
});
