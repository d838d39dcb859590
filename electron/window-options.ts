import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Returns the main window's options. The renderer is treated as untrusted: it runs isolated and
 * sandboxed, without Node, and reaches the main process only through the preload's bridge.
 */
export function createWindowOptions(
  preloadPath: string,
  partition: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Hatz Workflow Tester',
    show: false,
    webPreferences: {
      preload: preloadPath,
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click would otherwise open links in a new window, bypassing setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
