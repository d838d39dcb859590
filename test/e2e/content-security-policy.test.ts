import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { chromium, type Browser, type Page } from 'playwright-core';

import { serveDirectory } from '../support/static-server.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Loads the built renderer with the app's Content Security Policy (the header from
 * electron/renderer-protocol.ts and the meta tag in index.html) and checks what it blocks.
 */
describe('renderer Content Security Policy', () => {
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  let violationsOnLoad: string[] = [];

  /**
   * Waits until the page has reported `count` violations of `directive`, which arrive
   * asynchronously. The header and the meta tag each report every blocked load.
   */
  async function waitForViolation(directive: string, count: number): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const seen = violations.filter((entry) => entry === directive).length;
      if (seen >= count) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return violations.filter((entry) => entry === directive).length;
  }

  before(async () => {
    assert.ok(existsSync(CHROMIUM_PATH), `Chromium is not at ${CHROMIUM_PATH}`);
    server = await serveDirectory(resolve('dist/renderer'));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
    const context = await browser.newContext();
    // Requests to other origins are aborted here, so a policy failure cannot send traffic out.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${server.url}/`) ? route.continue() : route.abort(),
    );
    page = await context.newPage();
    await page.exposeFunction('__recordViolation', (directive: string) =>
      violations.push(directive),
    );
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __recordViolation(directive: string): void }).__recordViolation(
          event.effectiveDirective,
        );
      });
    });
    await page.goto(`${server.url}/index.html`);
    // The page has no bridge here, so the app stops early, after its modules have all run.
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    violationsOnLoad = [...violations];
  });
  beforeEach(() => {
    violations.length = 0;
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  test('reports no violation while loading', () => {
    // zod's eval probe was one; the app sets it to parse without eval.
    assert.deepEqual(violationsOnLoad, []);
  });

  test('blocks an inline script', async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });

    assert.equal(ran, false);
    assert.equal(await waitForViolation('script-src-elem', 2), 2);
  });

  test('blocks a remote script', async () => {
    await page.evaluate(async () => {
      const script = document.createElement('script');
      script.src = 'https://cdn.example.invalid/x.js';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });

    assert.equal(await waitForViolation('script-src-elem', 2), 2);
  });

  test('blocks network calls from the page', async () => {
    const outcome = await page.evaluate(() =>
      fetch('https://ai.hatz.ai/v1/app/list').then(
        () => 'sent',
        () => 'blocked',
      ),
    );

    assert.equal(outcome, 'blocked');
    assert.equal(await waitForViolation('connect-src', 2), 2);
  });
});
