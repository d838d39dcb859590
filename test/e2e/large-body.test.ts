import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { MAX_BODY_PIECE_LENGTH } from '../../core/body-shelf.ts';
import { replaceInputs } from '../support/replace-inputs.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 30_000;
const SEED_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
/** Three full pieces and a short fourth, so joining the pieces in order is checked. */
const BODY_BYTES = 3 * MAX_BODY_PIECE_LENGTH + 17;
/** The viewer cuts a body without line breaks into rows of this many characters. */
const ROW_LENGTH = 400;

describe('large reply body in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('reads a held body in pieces and finds its last characters', async () => {
    const { page, emulator } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page.getByRole('option', { name: /Company research brief/ }).click();
    await replaceInputs(page, SEED_INPUTS, TIMEOUT_MS);
    emulator.faults.add({
      kind: 'huge-body',
      bytes: BODY_BYTES,
      method: 'POST',
      path: '/v1/workflows/run',
    });

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('http-status').waitFor({ timeout: TIMEOUT_MS });
    const statusRow = (await page.locator('.status-row').textContent()) ?? '';
    await page.locator('summary', { hasText: /^\s*Body\s*$/ }).click();
    const viewer = page.getByRole('region', { name: 'Response body' });
    await viewer.waitFor({ timeout: TIMEOUT_MS });
    const firstRow = (await viewer.locator('.body-viewer-line').first().textContent()) ?? '';
    await page.getByRole('searchbox', { name: 'Find in Response body' }).fill('"}');
    await page.getByRole('button', { name: 'Find next' }).click();
    const found = page.getByText(/^Found at character/);
    await found.waitFor({ timeout: TIMEOUT_MS });

    assert.match(statusRow, /3\.0 MB/);
    assert.match(firstRow, /^\{"data":\[\],"padding":"x+$/);
    // The closing `"}` starts two characters before the end; both counts in the message are 1-based.
    const offset = BODY_BYTES - 2;
    assert.equal(
      await found.textContent(),
      `Found at character ${offset + 1}, row ${Math.floor(offset / ROW_LENGTH) + 1}.`,
    );
  });
});
