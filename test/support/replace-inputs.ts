import type { Page } from 'playwright-core';

/**
 * Replaces the text of the first Monaco editor on the page as a user pasting it would, by selecting
 * all and dispatching a paste event. Typing instead would let Monaco close brackets and quotes.
 */
export async function replaceInputs(page: Page, text: string, timeoutMs: number): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor({ timeout: timeoutMs });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    document.activeElement?.dispatchEvent(event);
  }, text);
}
