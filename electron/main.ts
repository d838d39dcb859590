import { join } from 'node:path';

import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import Store from 'electron-store';

import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventOf,
} from '../core/ipc-contract.ts';
import { historyDirectory } from '../core/data-directory.ts';
import { openHistoryStore } from '../core/history-store.ts';
import { resolveDataDirectory } from '../core/data-directory.ts';
import { openStoreWithRecovery } from '../core/open-store-with-recovery.ts';
import { PRACTICE_KEY, startEmulator } from '../emulator/server.ts';
import { createAppHandlers } from './handlers/app-handlers.ts';
import { createIpcDispatcher } from './ipc-dispatcher.ts';
import { createLogger } from './logger.ts';
import { isRendererUrl, RENDERER_ORIGIN, serveRendererFile } from './renderer-protocol.ts';
import { safeStorageCipher } from './safe-storage-cipher.ts';
import { createWindowOptions } from './window-options.ts';

// The built main process sits in dist/electron, beside dist/renderer.
const RENDERER_ROOT = join(import.meta.dirname, '..', 'renderer');
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');
const RENDERER_PARTITION = 'persist:renderer';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The CLI computes the same directory, so both keep one history even when a packaged build
// gives the app another display name.
app.setPath('userData', resolveDataDirectory());
const log = createLogger(join(app.getPath('userData'), 'logs'));
let mainWindow: BrowserWindow | undefined;

function emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void {
  const event = eventChannels[channel].parse(payload);
  mainWindow?.webContents.send(channel, event);
}

/** Opens an electron-store file; a file that cannot be parsed is moved aside and reported. */
function openSettingsStore(name: string): Store {
  const filePath = join(app.getPath('userData'), `${name}.json`);
  const { store, warning } = openStoreWithRecovery(
    () => new Store({ name, clearInvalidConfig: false }),
    filePath,
  );
  if (warning) log('warn', warning);
  return store;
}

async function start(): Promise<void> {
  // History opens while Electron starts. It resolves once the newest runs are read, and reads the
  // older ones in the background.
  const historyOpening = openHistoryStore({
    directory: historyDirectory(app.getPath('userData')),
    isIndexedInBackground: true,
  });
  historyOpening.catch(() => undefined);
  await app.whenReady();
  log('info', `starting version ${app.getVersion()}`);
  const rendererSession = session.fromPartition(RENDERER_PARTITION);
  rendererSession.protocol.handle('app', (request) =>
    serveRendererFile(RENDERER_ROOT, request.url),
  );
  // The renderer shows no remote content and needs no permission, so every request is denied.
  rendererSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  rendererSession.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );

  const history = await historyOpening;
  for (const problem of history.problems) log('warn', `history: ${problem}`);
  const { handlers, dispose } = await createAppHandlers({
    fetch: (input, init) => net.fetch(input as string, init),
    cipher: safeStorageCipher,
    store: openSettingsStore('connection'),
    history,
    startSandbox: async () => {
      const emulator = await startEmulator({ port: 0 });
      log('info', `practice sandbox listening on ${emulator.url}`);
      return { url: emulator.url, apiKey: PRACTICE_KEY, close: emulator.close };
    },
    emit,
  });
  const dispatch = createIpcDispatcher(handlers, {
    isTrustedSender: isRendererUrl,
    log: ({ channel, outcome, durationMs }) =>
      log(
        outcome === 'ok' ? 'info' : 'warn',
        `ipc ${channel} ${outcome} in ${Math.round(durationMs)} ms`,
      ),
  });
  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, (event, payload) => {
      // Only the main frame of the app's window may call, as VS Code guards its ipcMain.
      const isMainFrame =
        event.senderFrame !== null && event.senderFrame === mainWindow?.webContents.mainFrame;
      return dispatch(channel, payload, isMainFrame ? event.senderFrame?.url : undefined);
    });
  }

  app.on('before-quit', () => void dispose().then(() => history.close()));
  Menu.setApplicationMenu(createMenu());
  createWindow();
}

function createWindow(): void {
  mainWindow = new BrowserWindow(createWindowOptions(PRELOAD_PATH, RENDERER_PARTITION));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void mainWindow.loadURL(`${RENDERER_ORIGIN}/index.html`);
}

// Navigation and new windows are refused for every web contents, so injected content cannot leave
// the app's origin. Links to Hatz's own pages open in the system browser instead.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isHatzPage(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function isHatzPage(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' && (hostname === 'hatz.ai' || hostname.endsWith('.hatz.ai'));
}

app.on('window-all-closed', () => app.quit());

function createMenu(): Menu {
  const isMac = process.platform === 'darwin';
  return Menu.buildFromTemplate([
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]);
}

start().catch((error: unknown) => {
  log('error', `start failed: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
