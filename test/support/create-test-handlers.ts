import { join } from 'node:path';

import Conf from 'conf';

import { openHistoryStore, type HistoryStore } from '../../core/history-store.ts';
import type { SecretCipher } from '../../core/secret-cipher.ts';
import {
  createAppHandlers,
  type AppHandlerDependencies,
} from '../../electron/handlers/app-handlers.ts';
import { PRACTICE_KEY } from '../../emulator/server.ts';
import { createTestCipher } from './test-cipher.ts';

/** The test's own state, and the dependencies it replaces instead of the test defaults. */
export interface TestHandlerOptions {
  /** Temporary directory for the connection store and, unless `history` is given, the history. */
  directory: string;
  /** URL of the emulator that the practice sandbox connects to. */
  sandboxUrl: string;
  cipher?: SecretCipher;
  fetch?: AppHandlerDependencies['fetch'];
  history?: HistoryStore;
  emit?: AppHandlerDependencies['emit'];
  settings?: AppHandlerDependencies['settings'];
}

/**
 * Creates the real IPC handlers under Node, with the test cipher in place of `safeStorage`, `conf`
 * in place of electron-store, and an emulator as the practice sandbox. By default events are
 * dropped, and job polling waits 20 ms at first and at most 50 ms.
 */
export async function createTestHandlers(options: TestHandlerOptions) {
  // As the app opens it: the newest runs first, the older ones in the background.
  const history =
    options.history ??
    (await openHistoryStore({
      directory: join(options.directory, 'history'),
      isIndexedInBackground: true,
    }));
  const app = await createAppHandlers({
    fetch: options.fetch ?? globalThis.fetch,
    cipher: options.cipher ?? createTestCipher(),
    store: new Conf({
      cwd: options.directory,
      configName: 'connection',
      projectName: 'hatz-workflow-tester',
    }),
    history,
    startSandbox: async () => ({
      url: options.sandboxUrl,
      apiKey: PRACTICE_KEY,
      close: async () => {},
    }),
    emit: options.emit ?? (() => {}),
    settings: options.settings ?? { pollInitialMs: 20, pollMaxMs: 50 },
  });
  return {
    handlers: app.handlers,
    async dispose() {
      await app.dispose();
      // A store passed in belongs to the caller, who closes it.
      if (!options.history) await history.close();
    },
  };
}
