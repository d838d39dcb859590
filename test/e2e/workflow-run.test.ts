import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import type { Page } from 'playwright-core';

import { replaceInputs } from '../support/replace-inputs.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const SEED_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const TIMEOUT_MS = 20_000;
const SCREENSHOT_PATH = 'docs/screenshot.png';

async function chooseSeedWorkflow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use practice sandbox' }).click();
  await page.getByRole('option', { name: /Company research brief/ }).click();
}

describe('workflow run in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp();
  });
  after(() => app.close());

  test('runs the seed workflow to its output', async () => {
    const { page } = app;

    await chooseSeedWorkflow(page);
    await replaceInputs(page, SEED_INPUTS, TIMEOUT_MS);
    await page.getByRole('button', { name: 'Send' }).click();

    const jobState = page.getByTestId('job-state');
    await jobState.filter({ hasText: 'completed' }).waitFor({ timeout: TIMEOUT_MS });
    assert.equal(
      (await page.getByTestId('http-status').textContent())?.trim().startsWith('200'),
      true,
    );
    assert.match((await page.getByTestId('job-output').textContent()) ?? '', /Acme Corporation/);
    assert.equal(
      app.emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length,
      1,
    );

    // The README's screenshot is a tracked file, so it is written only when asked for.
    const screenshot = await page.screenshot();
    if (process.env.HATZ_UPDATE_SCREENSHOT === '1') await writeFile(SCREENSHOT_PATH, screenshot);
    assert.ok(screenshot.length > 0);
  });

  test('sends with Ctrl+Enter and names a missing input', async () => {
    const { page } = app;

    await replaceInputs(page, '{"company_name": "Acme Corporation"}', TIMEOUT_MS);
    await page.keyboard.press('Control+Enter');
    // The first press shows the inputs check's verdict; the second sends the inputs as they are.
    await page
      .locator('.failure-title', { hasText: 'Not sent: the inputs have 1 error' })
      .waitFor({ timeout: TIMEOUT_MS });
    await page.keyboard.press('Control+Enter');

    await page
      .getByTestId('job-state')
      .filter({ hasText: 'failed' })
      .waitFor({ timeout: TIMEOUT_MS });
    const response = (await page.getByRole('region', { name: 'Job' }).textContent()) ?? '';
    assert.match(response, /Required input missing/);
    assert.match(response, /industry/);
  });

  test('loads nothing from outside the app', () => {
    assert.deepEqual(app.blockedRequests, []);
  });

  test('never shows the practice key', async () => {
    const text = (await app.page.locator('body').textContent()) ?? '';

    assert.doesNotMatch(text, /hatz-practice-key/);
  });
});

describe('Send during a run in Chromium', () => {
  let app: AppHarness;

  before(async () => {
    // At scale 1 the "Quarterly market report" job takes about 8 s, so it is still running below.
    app = await openApp({ jobTimeScale: 1 });
  });
  after(() => app.close());

  function countRunRequests(): number {
    return app.emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length;
  }

  test('asks for a second press', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Use practice sandbox' }).click();
    await page.getByRole('option', { name: /Quarterly market report/ }).click();
    await replaceInputs(page, '{"region": "Europe"}', TIMEOUT_MS);
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByTestId('job-state')
      .filter({ hasText: 'following' })
      .waitFor({ timeout: TIMEOUT_MS });

    await page.keyboard.press('Control+Enter');
    const hint = page.getByTestId('send-hint');
    await hint.filter({ hasText: 'A run is still in progress' }).waitFor({ timeout: TIMEOUT_MS });
    assert.equal(countRunRequests(), 1);

    await page.getByRole('button', { name: 'Send' }).click();
    const deadline = Date.now() + TIMEOUT_MS;
    while (countRunRequests() < 2 && Date.now() < deadline) await page.waitForTimeout(50);
    assert.equal(countRunRequests(), 2);
    assert.doesNotMatch((await hint.textContent()) ?? '', /still in progress/);
  });
});
