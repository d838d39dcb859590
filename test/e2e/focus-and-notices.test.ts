import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import type { Page } from 'playwright-core';

import { makeHistoryRecord } from '../support/history-records.ts';
import { writeHistorySegments } from '../support/history-segments.ts';
import { replaceInputs } from '../support/replace-inputs.ts';
import { addKey } from './add-key.ts';
import { openApp, type AppHarness } from './app-harness.ts';

const TIMEOUT_MS = 20_000;
const SEED_APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';

/** Describes the focused element by its tag and accessible name, for messages that show where focus went. */
async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active === null) return 'nothing';
    const label =
      active.getAttribute('aria-label') ??
      (active.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : null) ??
      active.textContent ??
      '';
    return `${active.tagName.toLowerCase()} ${label.trim()}`;
  });
}

async function useSandboxWithKeyboard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use practice sandbox' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Use practice sandbox' }).waitFor({ state: 'detached' });
}

describe('focus after a button removes itself, in Chromium', () => {
  let app: AppHarness;

  beforeEach(async () => {
    app = await openApp({ keys: ['hatz-test-key-focus-0001'] });
  });
  afterEach(() => app.close());

  test('sandbox button moves focus to workflow search', async () => {
    const { page } = app;
    await useSandboxWithKeyboard(page);

    const search = page.getByRole('searchbox', { name: 'Search workflows' }).first();
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal(await search.evaluate((element) => element === document.activeElement), true);
    assert.notEqual(await describeFocus(page), 'body');
  });

  test('Save key moves focus to workflow search', async () => {
    const { page, emulator } = app;
    const form = page.getByRole('form', { name: 'Paste a key' });
    await form.getByLabel('API key').fill('hatz-test-key-focus-0001');
    await form.getByLabel('Base URL').fill(`${emulator.url}/v1`);
    await form.getByRole('button', { name: 'Save key' }).focus();
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached', timeout: TIMEOUT_MS });

    const search = page.getByRole('searchbox', { name: 'Search workflows' }).first();
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal(await search.evaluate((element) => element === document.activeElement), true);
  });

  test('Cancel in key forms returns focus to the opener', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Focus key', 'hatz-test-key-focus-0001', `${emulator.url}/v1`);

    for (const opener of ['Edit Focus key', 'Replace the key of Focus key']) {
      const button = page.getByRole('button', { name: opener });
      await button.focus();
      await page.keyboard.press('Enter');
      const cancel = page.locator('.key-row-form').getByRole('button', { name: 'Cancel' });
      await cancel.focus();
      await page.keyboard.press('Enter');
      await cancel.waitFor({ state: 'detached', timeout: TIMEOUT_MS });

      assert.equal(
        await button.evaluate((element) => element === document.activeElement),
        true,
        `focus after Cancel from "${opener}" is on ${await describeFocus(page)}`,
      );
    }
  });

  test('key delete keeps focus on its buttons', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Focus key', 'hatz-test-key-focus-0001', `${emulator.url}/v1`);
    const isFocused = (name: string) =>
      page.getByRole('button', { name }).evaluate((element) => element === document.activeElement);

    await page.getByRole('button', { name: 'Delete Focus key' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Keep it' }).waitFor({ timeout: TIMEOUT_MS });
    const isKeepFocused = await isFocused('Keep it');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Delete Focus key' }).waitFor({ timeout: TIMEOUT_MS });
    const isDeleteFocusedAgain = await isFocused('Delete Focus key');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Delete key' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Undo delete' }).waitFor({ timeout: TIMEOUT_MS });
    const isUndoFocused = await isFocused('Undo delete');

    assert.equal(isKeepFocused, true, 'focus after Delete is not on "Keep it"');
    assert.equal(isDeleteFocusedAgain, true, 'focus after "Keep it" is not back on Delete');
    assert.equal(isUndoFocused, true, 'focus after "Delete key" is not on "Undo delete"');
  });

  test('history Delete and Undo keep focus in the view', async () => {
    const { page } = app;
    await useSandboxWithKeyboard(page);
    await page.getByRole('option', { name: /Company research brief/ }).click();
    await replaceInputs(
      page,
      '{"company_name": "Acme Corporation", "industry": "Technology"}',
      TIMEOUT_MS,
    );
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByTestId('job-state')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-row').first().click();
    const deleteButton = page.locator('.history-detail').getByRole('button', { name: 'Delete' });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.waitFor({ timeout: TIMEOUT_MS });

    const focusAfterDelete = await describeFocus(page);
    const isUndoFocused = await undo.evaluate((element) => element === document.activeElement);
    await page.keyboard.press('Enter');
    await undo.waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    const search = page.getByRole('searchbox', { name: 'Search runs' });
    await page.waitForFunction(() => document.activeElement !== document.body);
    const focusAfterUndo = await describeFocus(page);
    const isSearchFocused = await search.evaluate((element) => element === document.activeElement);
    await page
      .getByRole('checkbox', { name: /^Select run/ })
      .first()
      .check();
    await page.getByRole('button', { name: 'Delete selected' }).focus();
    await page.keyboard.press('Enter');
    await undo.waitFor({ timeout: TIMEOUT_MS });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
    const isUndoFocusedAgain = await undo.evaluate((element) => element === document.activeElement);

    assert.equal(isUndoFocused, true, `focus after Delete is on ${focusAfterDelete}`);
    assert.equal(isSearchFocused, true, `focus after Undo is on ${focusAfterUndo}`);
    assert.equal(isUndoFocusedAgain, true, 'focus after "Delete selected" is not on Undo');
  });

  test('history rows keep focus while scrolled out of view', async () => {
    const { page, dataDirectory } = app;
    // The app's history folder is made on its first write; the list reads new files on refresh.
    await mkdir(join(dataDirectory, 'history'), { recursive: true });
    await writeHistorySegments(
      join(dataDirectory, 'history'),
      Array.from({ length: 120 }, () => makeHistoryRecord()),
    );
    await page.getByRole('tab', { name: 'History' }).click();
    const firstOpen = page.getByRole('button', { name: /^Open run of/ }).first();
    await firstOpen.waitFor({ timeout: TIMEOUT_MS });
    const firstName = await firstOpen.getAttribute('aria-label');
    await firstOpen.focus();

    for (let press = 0; press < 10; press++) await page.keyboard.press('PageDown');
    const focusedName = await page.evaluate(() =>
      document.activeElement?.getAttribute('aria-label'),
    );
    const scrollTop = await page.locator('.history-list').evaluate((element) => element.scrollTop);

    assert.ok(scrollTop > 0, 'PageDown did not scroll the list');
    assert.equal(focusedName, firstName);
  });

  test('key forms focus their field and close on Escape', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Focus key', 'hatz-test-key-focus-0001', `${emulator.url}/v1`);
    const isFocused = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((element) => element === document.activeElement);

    for (const [opener, field] of [
      ['Edit Focus key', 'Label'],
      ['Replace the key of Focus key', 'New key for Focus key'],
      ['Delete Focus key', 'Keep it'],
    ] as const) {
      const button = page.getByRole('button', { name: opener });
      await button.focus();
      await page.keyboard.press('Enter');
      const firstControl =
        field === 'Keep it'
          ? page.getByRole('button', { name: field })
          : page.locator('.key-row-form').getByLabel(field);
      await firstControl.waitFor({ timeout: TIMEOUT_MS });
      const isFieldFocused = await isFocused(firstControl);
      await page.keyboard.press('Escape');
      await firstControl.waitFor({ state: 'detached', timeout: TIMEOUT_MS });

      assert.equal(isFieldFocused, true, `"${field}" is not focused after "${opener}"`);
      assert.equal(
        await isFocused(button),
        true,
        `focus after Escape from "${opener}" is on ${await describeFocus(page)}`,
      );
    }
  });

  test('Save in the edit form returns focus to Edit', async () => {
    const { page, emulator } = app;
    await page.getByRole('tab', { name: 'Keys' }).click();
    await addKey(page, 'Focus key', 'hatz-test-key-focus-0001', `${emulator.url}/v1`);
    const edit = page.getByRole('button', { name: 'Edit Focus key' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = page.locator('.key-row-form');
    await form.getByLabel('Label').fill('Renamed key');
    await form.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached', timeout: TIMEOUT_MS });

    const renamedEdit = page.getByRole('button', { name: 'Edit Renamed key' });
    assert.equal(
      await renamedEdit.evaluate((element) => element === document.activeElement),
      true,
      `focus after Save is on ${await describeFocus(page)}`,
    );
  });

  test('cURL Fill in returns focus to the opener', async () => {
    const { page, emulator } = app;
    await useSandboxWithKeyboard(page);
    const command = [
      `curl -X POST ${emulator.url}/v1/workflows/run`,
      `-H "Content-Type: application/json"`,
      `-d '{"app_id": "${SEED_APP_ID}", "inputs": {"company_name": "Acme"}}'`,
    ].join(' ');
    await page.getByRole('button', { name: 'Import cURL…' }).click();
    await page.getByRole('textbox', { name: 'cURL command' }).fill(command);
    await page.getByRole('button', { name: 'Read command' }).click();
    const fill = page.getByRole('button', { name: 'Fill in the request' });
    await fill.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });

    const opener = page.getByRole('button', { name: 'Import cURL…' });
    assert.equal(
      await opener.evaluate((element) => element === document.activeElement),
      true,
      `focus after Fill in is on ${await describeFocus(page)}`,
    );
  });
});

describe('reply and workflow notices in Chromium', () => {
  let app: AppHarness;

  beforeEach(async () => {
    app = await openApp();
    await app.page.getByRole('button', { name: 'Use practice sandbox' }).click();
  });
  afterEach(() => app.close());

  test('fast search then Enter picks the match', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search workflows' });
    await page.getByRole('option', { name: /Team cost estimate/ }).waitFor({ timeout: TIMEOUT_MS });

    // Faster than the pause before the server's search, so only the list on screen can be used.
    await search.pressSequentially('team cost', { delay: 20 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const selected = page.getByRole('option', { selected: true });
    await selected.waitFor({ timeout: TIMEOUT_MS });

    assert.match((await selected.textContent()) ?? '', /Team cost estimate/);
    assert.match(await page.locator('.inputs-column').innerText(), /team_size/);
  });

  test('200 without a job id is not called started', async () => {
    const { page, emulator } = app;
    await page.getByRole('option', { name: /Company research brief/ }).click();
    emulator.faults.add({
      kind: 'huge-body',
      bytes: 4096,
      method: 'POST',
      path: '/v1/workflows/run',
    });
    await replaceInputs(page, '{"company_name": "Acme", "industry": "Tech"}', TIMEOUT_MS);
    await page.locator('.syntax-line.is-valid').waitFor({ timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Unexpected reply').first().waitFor({ timeout: TIMEOUT_MS });
    const statusRow = (await page.locator('.status-row').textContent()) ?? '';

    assert.equal(await page.getByTestId('http-status').textContent(), '200');
    assert.match(statusRow, /OK, but no job id could be read from the reply/);
    assert.doesNotMatch(statusRow, /the run started/);
    assert.match(
      (await page.getByTestId('http-status').getAttribute('class')) ?? '',
      /status-unexpected/,
    );
  });

  test('picked app shows a notice and keeps Send', async () => {
    const { page } = app;
    const appOption = page.getByRole('option', { name: 'Email tone checker app' });
    await appOption.waitFor({ timeout: TIMEOUT_MS });
    await appOption.click();
    const notice = page.locator('.app-notice');
    await notice.waitFor({ timeout: TIMEOUT_MS });
    const noticeText = (await notice.textContent()) ?? '';

    assert.match(noticeText, /"Email tone checker" looks like an app, not a workflow/);
    assert.match(noticeText, /likely reply "not found"/);
    assert.match(noticeText, /POST \/v1\/app\/\{app_id\}\/query/);
    assert.equal(await page.getByRole('button', { name: 'Send' }).isEnabled(), true);
    assert.equal(
      await page.getByRole('option', { name: 'Company research brief', exact: true }).count(),
      1,
    );

    await page.getByRole('option', { name: /Company research brief/ }).click();
    await notice.waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  });
});
