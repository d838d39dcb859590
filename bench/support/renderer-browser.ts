import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

import type { EventChannel, EventOf } from '../../core/ipc-contract.ts';
import { createIpcDispatcher } from '../../electron/ipc-dispatcher.ts';
import type { RunningEmulator } from '../../emulator/server.ts';
import { serveDirectory } from '../../test/support/static-server.ts';
import { createBenchHandlers } from './bench-handlers.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RendererBrowser {
  /** Opens a page in a new browser context, so nothing is cached from an earlier page. */
  openPage(initScript: string): Promise<{ page: Page; url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * Serves a built renderer on 127.0.0.1 and opens it in Debian's Chromium with the app's real IPC
 * handlers behind the test bridge, as the end-to-end harness does. Requests to any other origin
 * are blocked.
 */
export async function openRendererBrowser(params: {
  rendererRoot: string;
  emulator: RunningEmulator;
  workDirectory: string;
}): Promise<RendererBrowser> {
  const server = await serveDirectory(params.rendererRoot);
  let browser: Browser | undefined;
  const pages = new Set<Page>();
  const { handlers, dispose } = await createBenchHandlers({
    sandboxUrl: params.emulator.url,
    workDirectory: params.workDirectory,
    emit: <C extends EventChannel>(channel: C, payload: EventOf<C>) => {
      for (const page of pages) {
        page
          .evaluate(([name, data]) => window.__hatzDeliver(name, data), [channel, payload] as const)
          .catch(() => undefined);
      }
    },
  });
  const dispatch = createIpcDispatcher(handlers, {
    isTrustedSender: (url) => url !== undefined && new URL(url).origin === server.url,
    log: () => {},
  });
  const closeAll = async () => {
    await browser?.close();
    await dispose();
    await server.close();
  };

  try {
    const bridgeScript = await buildBridgeScript();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
    const openedBrowser = browser;
    return {
      async openPage(initScript) {
        const context = await openedBrowser.newContext({ viewport: { width: 1280, height: 820 } });
        await context.route('**/*', (route) =>
          route.request().url().startsWith(`${server.url}/`) ? route.continue() : route.abort(),
        );
        const page = await context.newPage();
        pages.add(page);
        await page.exposeBinding('__hatzInvoke', (source, channel: unknown, payload: unknown) =>
          dispatch(channel, payload, source.frame.url()),
        );
        await page.addInitScript({ content: bridgeScript });
        await page.addInitScript({ content: initScript });
        return {
          page,
          url: `${server.url}/index.html`,
          close: async () => {
            pages.delete(page);
            await context.close();
          },
        };
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function buildBridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: ['test/e2e/test-bridge.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
