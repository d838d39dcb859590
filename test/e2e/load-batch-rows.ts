import type { Locator, Page } from 'playwright-core';

const TIMEOUT_MS = 20_000;

/**
 * Connects the practice sandbox, opens the Batch view, picks the company brief sample and loads
 * `csv` as the rows file, as a user would. Resolves with the Batch view once it says how many
 * runs will be sent.
 */
export async function loadBatchRows(page: Page, csv: string, runCount: number): Promise<Locator> {
  await page.getByRole('button', { name: 'Use practice sandbox' }).click();
  await page.getByRole('tab', { name: 'Batch' }).click();
  const view = page.locator('#view-batch');
  await view.getByRole('option', { name: /Company research brief/ }).click();
  await view.getByLabel(/Rows file/).setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await view
    .getByText(`${runCount} runs will be sent`, { exact: false })
    .waitFor({ timeout: TIMEOUT_MS });
  return view;
}
