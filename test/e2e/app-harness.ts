import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

import type { EventChannel, EventOf } from '../../core/ipc-contract.ts';
import type { ClientSettings } from '../../core/settings.ts';
import { createIpcDispatcher } from '../../electron/ipc-dispatcher.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { serveDirectory } from '../support/static-server.ts';

const RENDERER_ROOT = resolve('dist/renderer');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Settings that make the emulator's jobs and the client's polling fast enough for tests. */
const FAST_SETTINGS: Partial<ClientSettings> = {
  pollInitialMs: 50,
  pollMaxMs: 200,
  pollBackoff: 1.5,
};

let bridgeScript: Promise<string> | undefined;

/** Bundles the test bridge once per test process, as an init script for each page. */
function buildBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: ['test/e2e/test-bridge.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

export interface AppHarness {
  page: Page;
  emulator: RunningEmulator;
  dataDirectory: string;
  /** Requests the page tried to send anywhere but the renderer's own server; all are blocked. */
  blockedRequests: string[];
  close(): Promise<void>;
}

/**
 * Opens the built renderer in Debian's Chromium with the real IPC handlers and core running in
 * this process against a real emulator. Only `safeStorage` is replaced, by a test cipher, and
 * electron-store by `conf`, the library it is built on, writing to a temporary directory.
 */
export async function openApp(
  options: { jobTimeScale?: number; keys?: string[] } = {},
): Promise<AppHarness> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    throw new Error(`${RENDERER_ROOT}/index.html is missing; run "npm run build:renderer" first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}; run "apt-get install -y chromium" or set CHROMIUM_PATH.`,
    );
  }

  const emulator = await startEmulator({
    jobTimeScale: options.jobTimeScale ?? 0.02,
    // Keys the emulator accepts besides its practice key.
    keys: options.keys ?? [],
  });
  const dataDirectory = await mkdtemp(join(tmpdir(), 'hatz-tester-e2e-'));
  const server = await serveDirectory(RENDERER_ROOT);
  let page: Page | undefined;
  const pendingEvents: Promise<unknown>[] = [];

  const { handlers, dispose } = await createTestHandlers({
    directory: dataDirectory,
    sandboxUrl: emulator.url,
    emit: <C extends EventChannel>(channel: C, payload: EventOf<C>) => {
      const delivery = page?.evaluate(([name, data]) => window.__hatzDeliver(name, data), [
        channel,
        payload,
      ] as const);
      // A page closed at the end of a test drops its last events; that is not a failure.
      if (delivery) pendingEvents.push(delivery.catch(() => undefined));
    },
    settings: FAST_SETTINGS,
  });
  const dispatch = createIpcDispatcher(handlers, {
    isTrustedSender: (url) => url !== undefined && new URL(url).origin === server.url,
    log: () => {},
  });

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 820 },
      // Copy buttons write to the clipboard, and tests read it back to check what was copied.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const blockedRequests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.url}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        return route.continue();
      }
      blockedRequests.push(url);
      return route.abort();
    });
    page = await context.newPage();
    await page.exposeBinding('__hatzInvoke', (source, channel: unknown, payload: unknown) =>
      dispatch(channel, payload, source.frame.url()),
    );
    await page.addInitScript({ content: await buildBridgeScript() });
    await page.goto(`${server.url}/index.html`);

    const openedBrowser = browser;
    const openedPage = page;
    return {
      page: openedPage,
      emulator,
      dataDirectory,
      blockedRequests,
      close: async () => {
        await Promise.all(pendingEvents);
        await openedBrowser.close();
        await dispose();
        await Promise.all([server.close(), emulator.close()]);
        await rm(dataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await Promise.all([server.close(), emulator.close(), dispose()]);
    throw error;
  }
}
