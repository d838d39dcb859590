import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openApp, type AppHarness } from './app-harness.ts';
import { loadBatchRows } from './load-batch-rows.ts';

const TIMEOUT_MS = 20_000;
const ROWS_CSV =
  'company_name;industry;notes\r\nAcme;Technology;x\r\n"Beta; Inc.";Retail;y\r\nGamma;;z\r\n';

describe('batch run in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('loads a CSV, runs it and exports the results', async () => {
    const { page } = app;
    const view = await loadBatchRows(page, ROWS_CSV, 2);
    const invalid =
      (await view.getByRole('list', { name: 'Rows with problems' }).textContent()) ?? '';
    await view.getByRole('button', { name: 'Start 2 runs' }).click();
    await view
      .getByTestId('batch-status')
      .filter({ hasText: /^finished/ })
      .waitFor({ timeout: TIMEOUT_MS });
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    const exported = await (await download).createReadStream();
    let csv = '';
    for await (const chunk of exported) csv += chunk;

    assert.match(invalid, /Row 3 \(line 4\): Required input "industry" is empty/);
    const table = (await view.getByRole('table', { name: 'Batch results' }).textContent()) ?? '';
    assert.match(table, /completed/);
    assert.match(table, /skipped/);
    assert.match(csv, /^row,status/);
    assert.equal(csv.split('\r\n').filter((line) => /^\d+,completed,/.test(line)).length, 2);
    assert.equal(
      app.emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length,
      2,
    );
  });
});
