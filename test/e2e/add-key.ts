import type { Page } from 'playwright-core';

const TIMEOUT_MS = 20_000;

/**
 * Adds a key through the Keys view's "Add a key" form, as a user would, and returns the status
 * line that confirms it. The Keys view must be open.
 */
export async function addKey(
  page: Page,
  label: string,
  apiKey: string,
  baseUrl: string,
): Promise<string> {
  const form = page.getByRole('form', { name: 'Add a key' });
  await form.getByLabel('Label').fill(label);
  await form.getByLabel('API key').fill(apiKey);
  await form.getByLabel('Base URL').fill(baseUrl);
  await form.getByRole('button', { name: 'Add key' }).click();
  const status = page.getByRole('status').filter({ hasText: `Added "${label}"` });
  await status.waitFor({ timeout: TIMEOUT_MS });
  return (await status.textContent()) ?? '';
}
