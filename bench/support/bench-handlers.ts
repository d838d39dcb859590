import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

import Conf from 'conf';

import { openHistoryStore } from '../../core/history-store.ts';
import type { EventChannel, EventOf } from '../../core/ipc-contract.ts';
import type { ClientSettings } from '../../core/settings.ts';
import { createAppHandlers } from '../../electron/handlers/app-handlers.ts';
import { PRACTICE_KEY } from '../../emulator/server.ts';
import { createTestCipher } from '../../test/support/test-cipher.ts';

/**
 * Creates the app's real IPC handlers under Node, as the end-to-end harness does: only
 * `safeStorage` is replaced by a test cipher and electron-store by `conf`, with the data in a
 * fresh folder under `workDirectory`. The practice sandbox is the emulator at `sandboxUrl`.
 */
export async function createBenchHandlers(params: {
  sandboxUrl: string;
  workDirectory: string;
  emit: <C extends EventChannel>(channel: C, payload: EventOf<C>) => void;
  settings?: Partial<ClientSettings>;
}) {
  const dataDirectory = await mkdtemp(join(params.workDirectory, 'app-data-'));
  const history = await openHistoryStore({
    directory: join(dataDirectory, 'history'),
    isIndexedInBackground: true,
  });
  const app = await createAppHandlers({
    fetch: globalThis.fetch,
    cipher: createTestCipher(),
    store: new Conf({
      cwd: dataDirectory,
      configName: 'connection',
      projectName: 'hatz-workflow-tester',
    }),
    history,
    startSandbox: async () => ({
      url: params.sandboxUrl,
      apiKey: PRACTICE_KEY,
      close: async () => {},
    }),
    emit: params.emit,
    settings: params.settings,
  });
  return {
    handlers: app.handlers,
    /** Stops the handlers' work and closes the history, so no file handle is left open. */
    async dispose() {
      await app.dispose();
      await history.close();
    },
  };
}
